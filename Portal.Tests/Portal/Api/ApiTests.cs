using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Api;

/// <summary>The HTTP API against the real portal: search, ask (server-sent events), limits, validation, health, OpenAPI.</summary>
public sealed class ApiTests(ApiPortalFixture fixture) : IClassFixture<ApiPortalFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalHost Portal => fixture.Portal;

    [Fact]
    public async Task Search_returns_hits_with_the_documented_fields()
    {
        using var client = await fixture.SignInNewUserAsync("searcher");

        var body = await client.GetFromJsonAsync<JsonElement>("/api/search?q=carry%20over%20unused%20vacation%20days&top=3", Ct);

        Assert.Equal("carry over unused vacation days", body.GetProperty("query").GetString());
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.InRange(hits.Count, 1, 3);
        var hit = hits[0];
        Assert.Equal(ApiPortalFixture.HandbookName, hit.GetProperty("document").GetString());
        Assert.Equal("Employee handbook", hit.GetProperty("title").GetString());
        Assert.Equal(fixture.HandbookId, hit.GetProperty("documentId").GetGuid());
        var chunkId = hit.GetProperty("chunkId").GetInt64();
        Assert.True(chunkId > 0);
        Assert.Equal(1, hit.GetProperty("pageStart").GetInt32());
        Assert.Equal(1, hit.GetProperty("pageEnd").GetInt32());
        Assert.StartsWith("Employee handbook", hit.GetProperty("heading").GetString());
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        Assert.Contains("carried over", hit.GetProperty("text").GetString());
        Assert.Equal($"{Portal.BaseAddress.ToString().TrimEnd('/')}/sources/{fixture.HandbookId}?page=1&chunk={chunkId}", hit.GetProperty("viewerUrl").GetString());
        Assert.Equal("markdown", hit.GetProperty("kind").GetString());

        var one = await client.GetFromJsonAsync<JsonElement>("/api/search?q=vacation", Ct);
        Assert.InRange(one.GetProperty("hits").GetArrayLength(), 1, 10);
    }

    [Theory]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=vacation&top=0", "top")]
    [InlineData("/api/search?q=vacation&top=51", "top")]
    [InlineData("/api/search?q=vacation&top=ten", "top")]
    public async Task Search_refuses_bad_parameters_with_a_problem(string url, string field)
    {
        using var client = await fixture.SignInNewUserAsync($"bad-search-{field}-{Guid.NewGuid():N}");

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_employee_outside_HR_never_sees_the_HR_document_in_search_or_answers()
    {
        using var employee = await fixture.SignInNewUserAsync("outsider");
        using var hr = await fixture.SignInNewUserAsync("insider", "HR");

        var theirs = await hr.GetStringAsync($"/api/search?q={Uri.EscapeDataString(ApiPortalFixture.HrPhrase)}", Ct);
        Assert.Contains(ApiPortalFixture.SalaryName, theirs);

        foreach (var query in new[] { ApiPortalFixture.HrPhrase, "salary bands senior engineers", "salary reviews October HR committee" })
        {
            var body = await employee.GetStringAsync($"/api/search?q={Uri.EscapeDataString(query)}&top=50", Ct);
            // The query is echoed back; everything else must be free of the HR document.
            AssertNothingOfTheHrDocument(body.Replace(query, string.Empty, StringComparison.Ordinal));
        }
        const string question = "What is the zebrafish compensation ladder for senior engineers?";
        var answer = await AskRawAsync(employee, question);
        AssertNothingOfTheHrDocument(answer.Replace(question, string.Empty, StringComparison.Ordinal));
        Assert.Contains("event: done", answer);

        // The HR member asking the same gets it, so the employee's empty answer is the filter, not a miss.
        var hrAnswer = await AskRawAsync(hr, question);
        Assert.Contains(ApiPortalFixture.SalaryName, hrAnswer);
    }

    [Fact]
    public async Task Ask_streams_sources_deltas_citations_and_done_in_order_and_saves_the_conversation()
    {
        using var client = await fixture.SignInNewUserAsync("asker");

        var events = await AskAsync(client, new { question = "How many days of paid vacation does an employee receive?" });

        var names = events.Select(e => e.Event).ToList();
        Assert.Equal("sources", names[0]);
        Assert.Equal(["citations", "done"], names[^2..]);
        Assert.All(names[1..^2], n => Assert.Equal("delta", n));
        Assert.True(names.Count >= 4, string.Join(",", names));

        var source = events[0].Data.GetProperty("sources")[0];
        Assert.Equal(1, source.GetProperty("n").GetInt32());
        Assert.Equal(ApiPortalFixture.HandbookName, source.GetProperty("document").GetString());
        Assert.Equal("Employee handbook", source.GetProperty("title").GetString());
        Assert.Equal(fixture.HandbookId, source.GetProperty("documentId").GetGuid());
        Assert.Equal("markdown", source.GetProperty("kind").GetString());
        foreach (var field in new[] { "pageStart", "pageEnd", "heading", "chunkId", "viewerUrl" })
        {
            Assert.True(source.TryGetProperty(field, out _), field);
        }
        var text = string.Concat(events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Contains("25 days", text);

        var citation = events[^2].Data.GetProperty("citations")[0];
        Assert.Equal(ApiPortalFixture.HandbookName, citation.GetProperty("document").GetString());
        Assert.Contains("25 days", citation.GetProperty("quote").GetString());
        Assert.Equal("markdown", citation.GetProperty("kind").GetString());
        Assert.StartsWith(Portal.BaseAddress.ToString().TrimEnd('/') + "/sources/", citation.GetProperty("viewerUrl").GetString());
        foreach (var field in new[] { "n", "pageStart", "pageEnd" })
        {
            Assert.True(citation.TryGetProperty(field, out _), field);
        }

        var done = events[^1].Data;
        Assert.False(done.GetProperty("notFound").GetBoolean());
        Assert.False(done.GetProperty("stopped").GetBoolean());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("notice").ValueKind);
        Assert.Equal(text.Trim(), done.GetProperty("text").GetString());
        var conversationId = done.GetProperty("conversationId").GetGuid();

        // The follow-up joins the same conversation, as on the Ask page.
        var followUp = await AskAsync(client, new { question = "Can unused days be carried over?", conversationId });
        Assert.Equal(conversationId, followUp[^1].Data.GetProperty("conversationId").GetGuid());
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct);
        var saved = await db.ConversationMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Ordinal).ToListAsync(Ct);
        Assert.Equal(["How many days of paid vacation does an employee receive?", "Can unused days be carried over?"], saved.Select(m => m.Question));
        Assert.Contains("25 days", saved[0].Answer);
    }

    [Fact]
    public async Task Ask_refuses_an_unknown_conversation_and_bad_questions()
    {
        using var client = await fixture.SignInNewUserAsync("careless");

        using var unknown = await client.PostAsJsonAsync("/api/ask", new { question = "Vacation?", conversationId = Guid.NewGuid() }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        foreach (var question in new[] { "", "   ", new string('x', 2001) })
        {
            using var response = await client.PostAsJsonAsync("/api/ask", new { question }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty("question", out _));
        }
        using var missing = await client.PostAsJsonAsync("/api/ask", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Earlier_turns_cannot_take_a_search_past_the_question_limit()
    {
        using var client = await fixture.SignInNewUserAsync("smuggler");
        // A follow-up is searched with words of the earlier questions: 9,000 characters of them would search as one long query.
        var earlier = "and " + string.Join(' ', Enumerable.Repeat("vacation", 1000));

        using var response = await client.PostAsJsonAsync("/api/ask", new
        {
            question = "what about it?",
            history = new[] { new { question = earlier, answer = "Every employee receives 25 days." } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("history").EnumerateArray()).GetString();
        Assert.Contains($"at most {KnowledgePortal.Shared.Retrieval.QueryLength.Max}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_mistakes_get_a_problem_document_that_says_what_was_wrong()
    {
        using var client = await fixture.SignInNewUserAsync("sloppy");

        foreach (var (json, field) in new[]
        {
            ("""{"question": 5}""", "question"),
            ("""{"question": "Vacation?", "conversationId": "not-a-guid"}""", "conversationId"),
            ("""{"question": "Vacation?", "history": "none"}""", "history"),
            ("not json at all", "body"),
        })
        {
            using var response = await client.PostAsync("/api/ask", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal($"Invalid {field}", problem.GetProperty("title").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), json);
        }
        using var text = await client.PostAsync("/api/ask", new StringContent("Vacation?"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("The body must be JSON", (await text.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_read()
    {
        // 27 MB announced, 1 KB sent: the answer comes without the portal waiting for (or reading) the rest.
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(Portal.BaseAddress.Host, Portal.BaseAddress.Port, Ct);
            var stream = tcp.GetStream();
            var head = $"POST /api/ask HTTP/1.1\r\nHost: {Portal.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {27 * 1024 * 1024}\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head + "{\"question\": \"" + new string('x', 1024)), Ct);
            using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
            Assert.Equal("HTTP/1.1 413 Payload Too Large", await reader.ReadLineAsync(Ct));
        }

        // A streamed body without a length is cut off at the limit (64 KB by default) with the same problem.
        using var client = await fixture.SignInNewUserAsync("verbose");
        var big = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { question = "Vacation?", history = new[] { new { question = "Why?", answer = new string('x', 100_000) } } }));
        using var streamed = new StreamContent(new MemoryStream(big));
        streamed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Request body too large", problem.GetProperty("title").GetString());
        Assert.Contains("64 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_past_the_limit_gets_429_with_when_to_retry()
    {
        using var client = await fixture.SignInNewUserAsync("eager");
        for (var i = 0; i < ApiPortalFixture.AsksPerMinute; i++)
        {
            Assert.Contains("event: done", await AskRawAsync(client, "How many days can I work from home?"));
        }

        using var refused = await client.PostAsJsonAsync("/api/ask", new { question = "How many days can I work from home?" }, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Too many questions", problem.GetProperty("title").GetString());
        Assert.Contains("Try again in", problem.GetProperty("detail").GetString());
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task Searching_past_the_limit_gets_429()
    {
        using var client = await fixture.SignInNewUserAsync("searchaholic");
        for (var i = 0; i < ApiPortalFixture.SearchesPerMinute; i++)
        {
            using var allowed = await client.GetAsync("/api/search?q=vacation", Ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/api/search?q=vacation", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal("Too many searches", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_API_answers_401_not_a_redirect_without_sign_in()
    {
        using var anonymous = SignedInClient.Anonymous(Portal.BaseAddress);

        using var search = await anonymous.GetAsync("/api/search?q=vacation", Ct);
        using var ask = await anonymous.PostAsJsonAsync("/api/ask", new { question = "Vacation?" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, search.StatusCode);
        Assert.Null(search.Headers.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, ask.StatusCode);
        Assert.DoesNotContain("<html", await search.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_reports_the_index_to_an_administrator()
    {
        using var admin = await SignedInClient.CreateAsync(Portal.BaseAddress, PortalHost.AdminEmail, PortalHost.AdminPassword, Ct);

        using var response = await admin.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        var index = health.GetProperty("index");
        Assert.Equal(2, index.GetProperty("documents").GetInt32());
        Assert.True(index.GetProperty("chunks").GetInt64() >= 2);
        Assert.Equal("local/all-MiniLM-L6-v2", index.GetProperty("model").GetString());
        Assert.Equal(384, index.GetProperty("dimension").GetInt32());
        Assert.True(index.GetProperty("matches").GetBoolean());
        Assert.Equal("local/all-MiniLM-L6-v2", health.GetProperty("embedder").GetProperty("model").GetString());
        Assert.True(health.GetProperty("embedder").GetProperty("loaded").GetBoolean());
        Assert.Equal("None", health.GetProperty("chatModel").GetProperty("provider").GetString());
        var worker = health.GetProperty("worker");
        Assert.True(worker.GetProperty("inProcess").GetBoolean());
        Assert.Equal(0, worker.GetProperty("failedLastDay").GetInt32());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API_and_needs_sign_in()
    {
        using var anonymous = SignedInClient.Anonymous(Portal.BaseAddress);
        using var refused = await anonymous.GetAsync("/openapi/v1.json", Ct);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        using var client = await fixture.SignInNewUserAsync("integrator");
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var paths = document.GetProperty("paths");
        var ask = paths.GetProperty("/api/ask").GetProperty("post");
        Assert.False(string.IsNullOrWhiteSpace(ask.GetProperty("summary").GetString()));
        Assert.True(ask.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(ask.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.True(ask.GetProperty("responses").TryGetProperty("429", out _));
        var search = paths.GetProperty("/api/search").GetProperty("get");
        Assert.False(string.IsNullOrWhiteSpace(search.GetProperty("summary").GetString()));
        Assert.Contains(search.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "q");
        Assert.True(search.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.False(string.IsNullOrWhiteSpace(paths.GetProperty("/health").GetProperty("get").GetProperty("summary").GetString()));
        Assert.False(paths.TryGetProperty("/account/sign-out", out _));
    }

    private static void AssertNothingOfTheHrDocument(string body)
    {
        Assert.DoesNotContain("zebrafish", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ApiPortalFixture.SalaryName, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Salary bands", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("118,000", body, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> AskRawAsync(HttpClient client, string question)
    {
        using var response = await client.PostAsJsonAsync("/api/ask", new { question }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<List<(string Event, JsonElement Data)>> AskAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync(Ct));
        return await reader.ReadAllAsync(Ct);
    }
}
