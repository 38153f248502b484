using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>
/// The leak suite: an HR-only document with a unique fact. An Engineering member and an employee in
/// no group search for it, ask about it, open its viewer and download URLs, call the API with their
/// token and read their history: nothing of the document (fact, title, file name, id) appears, and a
/// forbidden document answers exactly like a missing one. An HR member gets it everywhere.
/// </summary>
/// <remarks>
/// Tests marked <c>needs</c> exercise routes that other branches add (the source viewer and download,
/// the HTTP API). A route that does not exist answers 404 like a hidden document, so each of those
/// tests also asserts that the HR member gets the document: they fail until the route exists.
/// </remarks>
public sealed class LeakTests(LeakFixture fixture) : IClassFixture<LeakFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalHost Portal => fixture.Portal;

    [Fact]
    public async Task Both_searches_find_the_hr_document_only_for_hr()
    {
        var retriever = Portal.Services.GetRequiredService<HybridRetriever>();
        foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Vector, RetrievalMode.Keyword })
        {
            foreach (var outsider in fixture.Outsiders)
            {
                var caller = await fixture.CallerAsync(outsider.UserId);
                var passages = await retriever.RetrieveAsync(new RetrievalRequest("Zephyr salary band 7", caller.Filter, Top: 20, mode), Ct);
                Assert.DoesNotContain(passages, p => p.DocumentId == fixture.HrDocumentId);
                AssertNoTrace(JsonSerializer.Serialize(passages), $"{mode} search for {outsider.Email}");
            }
            var hr = await fixture.CallerAsync(fixture.Hr.UserId);
            var found = await retriever.RetrieveAsync(new RetrievalRequest("Zephyr salary band 7", hr.Filter, Top: 20, mode), Ct);
            Assert.Equal(fixture.HrDocumentId, found[0].DocumentId);
        }
    }

    [Fact]
    public async Task Answers_neither_quote_nor_cite_the_hr_document_for_others()
    {
        var answerer = Portal.Services.GetRequiredService<QuestionAnswerer>();
        foreach (var outsider in fixture.Outsiders)
        {
            var caller = await fixture.CallerAsync(outsider.UserId);
            var answer = await answerer.AskAsync(LeakFixture.Question, caller.Filter, Ct);
            Assert.DoesNotContain(answer.Sources, p => p.DocumentId == fixture.HrDocumentId);
            AssertNoTrace(JsonSerializer.Serialize(answer), $"the answer for {outsider.Email}");
        }

        var hr = await fixture.CallerAsync(fixture.Hr.UserId);
        var hrAnswer = await answerer.AskAsync(LeakFixture.Question, hr.Filter, Ct);
        Assert.Contains(LeakFixture.Secret, hrAnswer.Text);
        Assert.Contains(hrAnswer.Citations, c => c.Passage.DocumentId == fixture.HrDocumentId);
    }

    [Fact]
    public async Task History_and_feedback_keep_nothing_of_the_hr_document_for_others()
    {
        var answerer = Portal.Services.GetRequiredService<QuestionAnswerer>();
        var conversations = Portal.Services.GetRequiredService<ConversationStore>();
        var feedback = Portal.Services.GetRequiredService<FeedbackStore>();
        var hr = await fixture.CallerAsync(fixture.Hr.UserId);
        var hrAnswer = await answerer.AskAsync(LeakFixture.Question, hr.Filter, Ct);
        var hrSaved = (await conversations.AppendAsync(fixture.Hr.UserId, null, LeakFixture.Question, null, hrAnswer, false, Ct))!.Value;

        foreach (var outsider in fixture.Outsiders)
        {
            var caller = await fixture.CallerAsync(outsider.UserId);
            var answer = await answerer.AskAsync(LeakFixture.Question, caller.Filter, Ct);
            await conversations.AppendAsync(outsider.UserId, null, LeakFixture.Question, null, answer, false, Ct);

            var history = await conversations.ListAsync(outsider.UserId, Ct);
            var views = new List<ConversationView?>();
            foreach (var summary in history)
            {
                views.Add(await conversations.GetAsync(outsider.UserId, summary.Id, caller.Filter, Ct));
            }
            AssertNoTrace(JsonSerializer.Serialize(history) + JsonSerializer.Serialize(views), $"the history of {outsider.Email}");
            // Another person's conversation and answer are as good as missing.
            Assert.Null(await conversations.GetAsync(outsider.UserId, hrSaved.ConversationId, caller.Filter, Ct));
            Assert.False(await feedback.RecordAsync(outsider.UserId, hrSaved.MessageId, false, FeedbackReason.Wrong, "?", Ct));
        }

        var hrView = await conversations.GetAsync(fixture.Hr.UserId, hrSaved.ConversationId, hr.Filter, Ct);
        Assert.Contains(hrView!.Messages.Single().Citations, c => c.DocumentId == fixture.HrDocumentId);
        Assert.Contains(LeakFixture.Secret, hrView.Messages.Single().Answer);
    }

    [Fact]
    public async Task Someone_who_leaves_hr_no_longer_sees_the_answer_they_were_given()
    {
        var leaver = await Portal.CreateUserAsync("leaver@example.com", PortalRoles.Employee, "HR");
        var answerer = Portal.Services.GetRequiredService<QuestionAnswerer>();
        var conversations = Portal.Services.GetRequiredService<ConversationStore>();
        var before = await fixture.CallerAsync(leaver.Id);
        var answer = await answerer.AskAsync(LeakFixture.Question, before.Filter, Ct);
        Assert.Contains(LeakFixture.Secret, answer.Text);
        var saved = (await conversations.AppendAsync(leaver.Id, null, LeakFixture.Question, null, answer, false, Ct))!.Value;

        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetGroupsAsync(leaver.Id, [], Ct);
        }

        var after = await fixture.CallerAsync(leaver.Id);
        var view = await conversations.GetAsync(leaver.Id, saved.ConversationId, after.Filter, Ct);
        var message = Assert.Single(view!.Messages);
        Assert.True(message.Withheld);
        AssertNoTrace(JsonSerializer.Serialize(view), "the history of someone who left HR");
        var again = await answerer.AskAsync(LeakFixture.Question, after.Filter, Ct);
        AssertNoTrace(JsonSerializer.Serialize(again), "a new answer for someone who left HR");
    }

    [Fact]
    [Trait("needs", "viewer")]
    public async Task The_viewer_answers_others_as_if_the_document_did_not_exist_and_shows_it_to_hr()
    {
        var url = $"/sources/{fixture.HrDocumentId}?page=1&chunk={fixture.HrChunkId}";
        var missing = $"/sources/{Guid.NewGuid()}?page=1&chunk={fixture.HrChunkId}";
        foreach (var outsider in fixture.Outsiders)
        {
            using var forbidden = await outsider.Browser.GetAsync(url, Ct);
            using var absent = await outsider.Browser.GetAsync(missing, Ct);
            var body = await forbidden.Content.ReadAsStringAsync(Ct);
            AssertNoTrace(body, $"the viewer for {outsider.Email}");
            Assert.Equal(absent.StatusCode, forbidden.StatusCode);
            Assert.True(forbidden.StatusCode == HttpStatusCode.NotFound || body.Contains("data-testid=\"not-found\"", StringComparison.Ordinal),
                $"the viewer answered {(int)forbidden.StatusCode} without the not-found page");
        }

        using var allowed = await fixture.Hr.Browser.GetAsync(url, Ct);
        var page = await allowed.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.DoesNotContain("data-testid=\"not-found\"", page);
        Assert.Contains(LeakFixture.Secret, page);
    }

    [Fact]
    [Trait("needs", "viewer")]
    public async Task The_original_file_is_404_for_others_exactly_like_a_missing_one_and_downloads_for_hr()
    {
        foreach (var outsider in fixture.Outsiders)
        {
            using var forbidden = await outsider.Browser.GetAsync($"/sources/{fixture.HrDocumentId}/original", Ct);
            using var absent = await outsider.Browser.GetAsync($"/sources/{Guid.NewGuid()}/original", Ct);
            Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
            Assert.Equal(absent.StatusCode, forbidden.StatusCode);
            Assert.Equal(absent.Content.Headers.ContentType?.MediaType, forbidden.Content.Headers.ContentType?.MediaType);
            AssertNoTrace(await forbidden.Content.ReadAsStringAsync(Ct), $"the download for {outsider.Email}");
            Assert.False(forbidden.Content.Headers.ContentDisposition?.ToString().Contains(LeakFixture.HrDocumentName, StringComparison.Ordinal) ?? false);
        }

        using var allowed = await fixture.Hr.Browser.GetAsync($"/sources/{fixture.HrDocumentId}/original", Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains(LeakFixture.Secret, await allowed.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    [Trait("needs", "api")]
    public async Task Api_search_with_a_token_returns_the_hr_document_only_to_hr()
    {
        var url = $"/api/search?q={Uri.EscapeDataString("Zephyr salary band 7")}&top=10";
        foreach (var outsider in fixture.Outsiders)
        {
            using var response = await outsider.Api.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertNoTrace(await response.Content.ReadAsStringAsync(Ct), $"/api/search for {outsider.Email}");
        }

        using var hr = await fixture.Hr.Api.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, hr.StatusCode);
        var body = await hr.Content.ReadAsStringAsync(Ct);
        Assert.Contains(LeakFixture.HrDocumentName, body);
        Assert.Contains("Zephyr salary band 7", body);
    }

    [Fact]
    [Trait("needs", "api")]
    public async Task Api_ask_with_a_token_streams_nothing_of_the_hr_document_to_others()
    {
        foreach (var outsider in fixture.Outsiders)
        {
            var stream = await AskOverApiAsync(outsider.Api);
            AssertNoTrace(stream, $"/api/ask for {outsider.Email}");
        }

        Assert.Contains(LeakFixture.Secret, await AskOverApiAsync(fixture.Hr.Api));
    }

    [Fact]
    public async Task Document_lists_and_search_pages_if_present_show_others_nothing_of_the_hr_document()
    {
        // Not every branch has these; where they exist they must not reveal the document.
        foreach (var outsider in fixture.Outsiders)
        {
            foreach (var (client, url) in new[]
            {
                (outsider.Api, "/api/documents"),
                (outsider.Browser, $"/search?q={Uri.EscapeDataString("Zephyr salary band 7")}"),
                (outsider.Browser, "/"),
            })
            {
                using var response = await client.GetAsync(url, Ct);
                AssertNoTrace(await response.Content.ReadAsStringAsync(Ct), $"{url} for {outsider.Email}");
            }
        }
        using var hrList = await fixture.Hr.Api.GetAsync("/api/documents", Ct);
        if (hrList.StatusCode == HttpStatusCode.OK)
        {
            Assert.Contains(LeakFixture.HrDocumentName, await hrList.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task A_new_audience_applies_to_the_next_query_in_both_searches()
    {
        const string phrase = "Quokka parking permits cost 40 euros a month at the harbour office.";
        var content = System.Text.Encoding.UTF8.GetBytes($"# Quokka parking\n\n{phrase}\n");
        var documentId = (await Portal.IngestAsync(new DocumentSubmission("quokka-parking.md", content)))[0];
        var intake = Portal.Services.GetRequiredService<DocumentIntake>();
        var contextFactory = Portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
        Assert.True(await FindsAsync(fixture.Engineering.UserId, documentId, RetrievalMode.Vector));
        Assert.True(await FindsAsync(fixture.Engineering.UserId, documentId, RetrievalMode.Keyword));
        long changesBefore;
        await using (var context = await contextFactory.CreateDbContextAsync(Ct))
        {
            changesBefore = await context.IndexChanges.CountAsync(c => c.DocumentId == documentId, Ct);
        }

        var restricted = await intake.SubmitAsync(new DocumentSubmission("quokka-parking.md", content, ["HR"]), Ct);

        Assert.Equal(IntakeOutcome.Unchanged, restricted.Outcome);      // same content: not re-ingested…
        Assert.Equal("audience updated", restricted.Message);           // …but its audience changed
        await using (var context = await contextFactory.CreateDbContextAsync(Ct))
        {
            Assert.True(await context.IndexChanges.CountAsync(c => c.DocumentId == documentId, Ct) > changesBefore);
        }
        foreach (var mode in new[] { RetrievalMode.Vector, RetrievalMode.Keyword, RetrievalMode.Hybrid })
        {
            Assert.False(await FindsAsync(fixture.Engineering.UserId, documentId, mode), $"{mode} search still finds it for Engineering");
            Assert.True(await FindsAsync(fixture.Hr.UserId, documentId, mode), $"{mode} search does not find it for HR");
        }

        await intake.SubmitAsync(new DocumentSubmission("quokka-parking.md", content, ["everyone"]), Ct);
        Assert.True(await FindsAsync(fixture.Engineering.UserId, documentId, RetrievalMode.Vector));
        Assert.True(await FindsAsync(fixture.NoGroups.UserId, documentId, RetrievalMode.Keyword));
    }

    private async Task<bool> FindsAsync(string userId, Guid documentId, RetrievalMode mode)
    {
        var caller = await fixture.CallerAsync(userId);
        var passages = await Portal.Services.GetRequiredService<HybridRetriever>()
            .RetrieveAsync(new RetrievalRequest("Quokka parking permits harbour office", caller.Filter, Top: 10, mode), Ct);
        return passages.Any(p => p.DocumentId == documentId);
    }

    private static async Task<string> AskOverApiAsync(HttpClient api, string question = LeakFixture.Question)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task An_hr_article_reaches_only_hr_in_search_answers_the_viewer_and_the_article_api()
    {
        var search = $"/api/search?q={Uri.EscapeDataString(LeakFixture.HrArticleQuestion)}&top=10";
        using var missing = await fixture.NoGroups.Api.GetAsync($"/api/articles/{Guid.NewGuid()}", Ct);
        var missingBody = await missing.Content.ReadAsStringAsync(Ct);
        foreach (var outsider in fixture.Outsiders)
        {
            foreach (var (client, url) in new[]
            {
                (outsider.Api, "/api/articles"),
                (outsider.Api, search),
                (outsider.Browser, $"/search?q={Uri.EscapeDataString(LeakFixture.HrArticleQuestion)}"),
                (outsider.Browser, "/articles"),
                (outsider.Browser, $"/articles/{fixture.HrArticleId}"),
            })
            {
                using var response = await client.GetAsync(url, Ct);
                AssertNoTrace(await response.Content.ReadAsStringAsync(Ct), $"{url} for {outsider.Email}", fixture.ArticleTraces);
            }
            using var article = await outsider.Api.GetAsync($"/api/articles/{fixture.HrArticleId}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, article.StatusCode);
            Assert.Equal(missingBody, (await article.Content.ReadAsStringAsync(Ct)).Replace(fixture.HrArticleId.ToString(), "", StringComparison.Ordinal), ignoreLineEndingDifferences: true);
            using var image = await outsider.Browser.GetAsync(fixture.HrArticleImage, Ct);
            using var missingImage = await outsider.Browser.GetAsync($"/articles/{fixture.HrArticleId}/images/{Guid.NewGuid()}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, image.StatusCode);
            Assert.Equal(missingImage.StatusCode, image.StatusCode);
            Assert.Equal(missingImage.Content.Headers.ContentType?.MediaType, image.Content.Headers.ContentType?.MediaType);
            AssertNoTrace(await image.Content.ReadAsStringAsync(Ct), $"the article image for {outsider.Email}", fixture.ArticleTraces);
            using var viewer = await outsider.Browser.GetAsync($"/sources/{fixture.HrArticleDocumentId}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, viewer.StatusCode);
            AssertNoTrace(await viewer.Content.ReadAsStringAsync(Ct), $"the viewer for {outsider.Email}", fixture.ArticleTraces);
            AssertNoTrace(await AskOverApiAsync(outsider.Api, LeakFixture.HrArticleQuestion), $"/api/ask for {outsider.Email}", fixture.ArticleTraces);
        }

        using var hrImage = await fixture.Hr.Browser.GetAsync(fixture.HrArticleImage, Ct);
        Assert.Equal(HttpStatusCode.OK, hrImage.StatusCode);
        Assert.Equal("image/png", hrImage.Content.Headers.ContentType?.MediaType);
        Assert.Equal(LeakFixture.Png, await hrImage.Content.ReadAsByteArrayAsync(Ct));
        using var hrList = await fixture.Hr.Api.GetAsync("/api/articles", Ct);
        Assert.Contains(LeakFixture.HrArticleTitle, await hrList.Content.ReadAsStringAsync(Ct));
        using var hrArticle = await fixture.Hr.Api.GetAsync($"/api/articles/{fixture.HrArticleId}", Ct);
        Assert.Equal(HttpStatusCode.OK, hrArticle.StatusCode);
        Assert.Contains(LeakFixture.HrArticleSecret, await hrArticle.Content.ReadAsStringAsync(Ct));
        using var hrSearch = await fixture.Hr.Api.GetAsync(search, Ct);
        using var hits = JsonDocument.Parse(await hrSearch.Content.ReadAsStringAsync(Ct));
        var first = hits.RootElement.GetProperty("hits")[0];
        Assert.Contains(LeakFixture.HrArticleSecret, first.GetProperty("text").GetString());
        Assert.Equal(fixture.HrArticleId, first.GetProperty("article").GetProperty("id").GetGuid());
        Assert.Contains(LeakFixture.HrArticleSecret, await AskOverApiAsync(fixture.Hr.Api, LeakFixture.HrArticleQuestion));
    }

    private void AssertNoTrace(string text, string where) => AssertNoTrace(text, where, fixture.Traces);

    private static void AssertNoTrace(string text, string where, IEnumerable<string> traces)
    {
        foreach (var trace in traces)
        {
            Assert.False(text.Contains(trace, StringComparison.OrdinalIgnoreCase), $"{where} reveals \"{trace}\"");
        }
    }
}
