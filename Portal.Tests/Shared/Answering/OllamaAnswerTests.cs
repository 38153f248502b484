using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Tests.Shared.Embeddings;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>Answers written by an Ollama model, against a real HTTP server on a loopback port speaking POST /api/chat (NDJSON when streaming).</summary>
public sealed class OllamaAnswerTests(LocalMiniLmFixture miniLm) : IClassFixture<LocalMiniLmFixture>
{
    private const string Question = "How often are dental cleanings covered?";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Streams_the_answer_and_keeps_only_citations_of_retrieved_sources()
    {
        await using var server = LoopbackChatServer.Start(exchange => exchange.StreamOllamaAsync(
            ["Northwind Standard covers dental cleanings ", "twice a year [1", "][7]. Gym fees are reimbursed [2]."]));
        using var harness = new AnswerHarness(AnswerHarness.Ollama(server.BaseAddress), miniLm.Generator);
        var sources = TestPassages.Benefits();

        var events = await harness.AnswerAsync(Question, sources, Ct);

        var completed = AnswerHarness.Completed(events);
        Assert.Equal("Northwind Standard covers dental cleanings twice a year [1]. Gym fees are reimbursed [2].", completed.Answer.Text);
        Assert.Equal(completed.Answer.Text, string.Concat(AnswerHarness.Deltas(events)));
        Assert.True(AnswerHarness.Deltas(events).Count >= 2);
        Assert.Equal([1, 2], completed.Answer.Citations.Select(c => c.Number));
        Assert.Null(completed.Answer.Notice);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal("test-chat", request.Body.GetProperty("model").GetString());
        Assert.True(request.Streamed);
        Assert.Equal(AnswerPrompt.SystemRules, request.Messages[0].Content);
        Assert.Contains("<source id=\"1\" document=\"Benefits handbook\" pages=\"3-4\" heading=\"Dental coverage\">", request.Messages[^1].Content, StringComparison.Ordinal);
        Assert.EndsWith($"Question: {Question}", request.Messages[^1].Content, StringComparison.Ordinal);
        var options = request.Body.GetProperty("options");
        Assert.Equal(0.2, options.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(800, options.GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task A_server_error_gives_the_extractive_answer_with_a_notice()
    {
        await using var server = LoopbackChatServer.Start(exchange => exchange.FailAsync(500, "model failed to load"));
        using var harness = new AnswerHarness(AnswerHarness.Ollama(server.BaseAddress), miniLm.Generator);

        var events = await harness.AnswerAsync(Question, TestPassages.Benefits(), Ct);

        var answer = AnswerHarness.Completed(events).Answer;
        Assert.Equal(AnswerGenerator.ModelUnavailableNotice, answer.Notice);
        Assert.Contains(answer.Citations, c => c.Number == 1);
        Assert.Equal([answer.Text], AnswerHarness.Deltas(events));
        Assert.Single(harness.Log.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task An_unreachable_server_gives_the_extractive_answer_with_a_notice()
    {
        using var harness = new AnswerHarness(AnswerHarness.Ollama(LoopbackChatServer.ClosedPortAddress()), miniLm.Generator);

        var answer = AnswerHarness.Completed(await harness.AnswerAsync(Question, TestPassages.Benefits(), Ct)).Answer;

        Assert.Equal(AnswerGenerator.ModelUnavailableNotice, answer.Notice);
        Assert.False(answer.NotFound);
    }

    [Fact]
    public async Task The_model_rewrites_a_follow_up_into_a_standalone_query()
    {
        await using var server = LoopbackChatServer.Start(exchange => exchange.Request.Streamed
            ? exchange.StreamOllamaAsync(["Query: Does Northwind Standard cover orthodontic braces?"])
            : exchange.CompleteOllamaAsync("Query: Does Northwind Standard cover orthodontic braces?"));
        using var harness = new AnswerHarness(AnswerHarness.Ollama(server.BaseAddress), miniLm.Generator);
        ConversationTurn[] history = [new("What dental care does Northwind Standard cover?", "Cleanings twice a year [1].")];

        var query = await harness.Rewriter.RewriteAsync("what about braces?", history, Ct);

        Assert.Equal("Does Northwind Standard cover orthodontic braces?", query);
        Assert.EndsWith("Latest question: what about braces?", Assert.Single(server.Requests).Messages[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Works_against_a_real_ollama_when_configured()
    {
        var baseUrl = Environment.GetEnvironmentVariable("OLLAMA_BASE_URL");
        var model = Environment.GetEnvironmentVariable("OLLAMA_CHAT_MODEL");
        if (string.IsNullOrWhiteSpace(baseUrl) || string.IsNullOrWhiteSpace(model))
        {
            Assert.Skip("Set OLLAMA_BASE_URL and OLLAMA_CHAT_MODEL to test against a real Ollama server.");
        }
        var options = new ChatModelOptions
        {
            Provider = ChatModelProvider.Ollama,
            Endpoint = baseUrl,
            Model = model,
            TimeoutSeconds = 300, // a CPU-only server may take long to load the model
        };
        using var harness = new AnswerHarness(options, miniLm.Generator);

        var answer = AnswerHarness.Completed(await harness.AnswerAsync(Question, TestPassages.Benefits(), Ct)).Answer;

        Assert.Null(answer.Notice);
        Assert.False(answer.NotFound);
        Assert.All(answer.Citations, c => Assert.InRange(c.Number, 1, 3));
        Assert.Contains(answer.Citations, c => c.Number == 1);
    }
}
