using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.Shared.Answering;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Api;

/// <summary>
/// /api/ask with a chat model that writes slowly (a real OpenAI-compatible server on loopback): a client
/// reading the stream sees each delta while the model is still writing, and leaving stops the model.
/// </summary>
public sealed class AskStreamingTests : IAsyncLifetime
{
    private const string StallMarker = "can employees work from home";

    private readonly ConcurrentQueue<string> timeline = new();
    private readonly TaskCompletionSource firstDeltaSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackChatServer chat = null!;
    private PortalHost portal = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        chat = LoopbackChatServer.Start(async exchange =>
        {
            if (exchange.Request.RawBody.Contains(StallMarker, StringComparison.OrdinalIgnoreCase))
            {
                await exchange.StreamOpenAiThenStallAsync(["Employees may work from home ", "up to three days per week [1]."]);
                return;
            }
            await exchange.StreamOpenAiAsync(
                ["Every employee receives ", "25 days of paid vacation [1]", " each calendar year [1]."],
                async index =>
                {
                    if (index == 1)
                    {
                        // The rest is written only once the HTTP client has read the first delta: proof nothing buffers it.
                        await firstDeltaSeen.Task.WaitAsync(TimeSpan.FromSeconds(20), exchange.Stopping);
                    }
                    timeline.Enqueue($"model writes piece {index}");
                });
        });
        portal = await PortalHost.StartAsync(new Dictionary<string, string?>
        {
            ["KnowledgePortal:Chat:Provider"] = "OpenAI",
            ["KnowledgePortal:Chat:Endpoint"] = new Uri(chat.BaseAddress, "v1").ToString(),
            ["KnowledgePortal:Chat:Model"] = "test-chat",
            ["KnowledgePortal:Chat:ApiKey"] = "sk-test-streaming",
        });
        await portal.IngestMarkdownAsync(ApiPortalFixture.HandbookName, ApiPortalFixture.Handbook);
        await portal.CreateUserAsync("reader@example.com");
    }

    public async ValueTask DisposeAsync()
    {
        await portal.DisposeAsync();
        await chat.DisposeAsync();
    }

    [Fact]
    public async Task A_client_reads_each_delta_while_the_model_is_still_writing()
    {
        using var client = await SignedInClient.CreateAsync(portal.BaseAddress, "reader@example.com", PortalHost.UserPassword, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask")
        {
            Content = JsonContent.Create(new { question = "How many days of paid vacation does an employee receive?" }),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync(Ct));

        var names = new List<string>();
        var text = string.Empty;
        while (await reader.NextAsync(Ct) is { } next)
        {
            names.Add(next.Event);
            if (next.Event == "delta")
            {
                timeline.Enqueue($"client reads \"{next.Data.GetProperty("text").GetString()}\"");
                text += next.Data.GetProperty("text").GetString();
                firstDeltaSeen.TrySetResult();
            }
            if (next.Event == "done")
            {
                Assert.Equal(text.Trim(), next.Data.GetProperty("text").GetString());
                Assert.False(next.Data.GetProperty("notFound").GetBoolean());
            }
        }

        // The citation filter holds back trailing spaces, so the first delta is the first piece without its last space.
        Assert.Equal(["model writes piece 0", "client reads \"Every employee receives\"", "model writes piece 1"], timeline.Take(3));
        Assert.Equal("sources", names[0]);
        Assert.Equal(["citations", "done"], names[^2..]);
        Assert.True(names.Count(n => n == "delta") >= 2, string.Join(",", names));
        Assert.Equal("Every employee receives 25 days of paid vacation [1] each calendar year [1].", text);
    }

    [Fact]
    public async Task Leaving_the_stream_stops_the_model_and_the_partial_answer_is_kept()
    {
        using var client = await SignedInClient.CreateAsync(portal.BaseAddress, "reader@example.com", PortalHost.UserPassword, Ct);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask")
        {
            Content = JsonContent.Create(new { question = "How many days per week can employees work from home?" }),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync(Ct));
        while (await reader.NextAsync(Ct) is { } next && next.Event != "delta")
        {
        }

        // The client goes away in the middle of the answer.
        reader.Dispose();
        response.Dispose();
        request.Dispose();

        await chat.ClientDisconnected.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var contextFactory = portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var db = await contextFactory.CreateDbContextAsync(Ct);
            var saved = await db.ConversationMessages.SingleOrDefaultAsync(m => m.Question.Contains("work from home"), Ct);
            if (saved is not null)
            {
                Assert.True(saved.Stopped);
                Assert.Contains("work from home", saved.Answer);
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "The stopped answer was not saved.");
            await Task.Delay(100, Ct);
        }
    }
}
