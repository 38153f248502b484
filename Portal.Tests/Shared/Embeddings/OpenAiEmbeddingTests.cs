using KnowledgePortal.Shared.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgePortal.Tests.Shared.Embeddings;

/// <summary>The OpenAI-compatible path against a real HTTP server speaking POST /v1/embeddings.</summary>
public sealed class OpenAiEmbeddingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RemoteEmbeddingGenerator Create(LoopbackHttpServer server, int? dimensions = null, int? batchSize = null) =>
        (RemoteEmbeddingGenerator)EmbeddingServiceCollectionExtensions.CreateEmbedder(
            new EmbeddingOptions
            {
                Provider = EmbeddingProvider.OpenAI,
                Endpoint = new Uri(server.BaseAddress, "v1").ToString(),
                Model = "test-embedding",
                ApiKey = "sk-test",
                Dimensions = dimensions,
                BatchSize = batchSize,
            },
            NullLoggerFactory.Instance);

    [Fact]
    public async Task Sends_the_inputs_and_model_and_returns_vectors_in_input_order()
    {
        await using var server = LoopbackHttpServer.Start(request => FakeEmbeddings.OpenAiAnswer(request, 8));
        using var generator = Create(server, batchSize: 2);
        string[] texts = ["vacation", "dental plan", "how do I enrol?", "x", "PerksPlus gym reimbursement"];

        var embeddings = await generator.GenerateAsync(texts, cancellationToken: Ct);

        Assert.Equal(texts.Length, embeddings.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(FakeEmbeddings.VectorFor(texts[i], 8), embeddings[i].Vector.ToArray());
        }
        var requests = server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal("test-embedding", r.Body.GetProperty("model").GetString());
            Assert.Equal("Bearer sk-test", r.Authorization);
        });
        Assert.Equal(texts, requests.SelectMany(r => r.Inputs));
        Assert.Equal(3 * texts.Length, embeddings.Usage?.InputTokenCount);
        Assert.Equal("openai/test-embedding", generator.ModelId);
        Assert.Equal(EmbeddingOptions.DefaultRemoteMaxInputTokens, generator.MaxInputTokens);
    }

    [Fact]
    public async Task Reads_servers_that_answer_with_float_arrays()
    {
        await using var server = LoopbackHttpServer.Start(request => FakeEmbeddings.OpenAiAnswer(request, 6, alwaysFloatArrays: true));
        using var generator = Create(server);

        var embeddings = await generator.GenerateAsync(["first input", "second"], cancellationToken: Ct);

        Assert.Equal(FakeEmbeddings.VectorFor("first input", 6), embeddings[0].Vector.ToArray());
        Assert.Equal(FakeEmbeddings.VectorFor("second", 6), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task Learns_the_dimension_from_one_probe()
    {
        await using var server = LoopbackHttpServer.Start(request => FakeEmbeddings.OpenAiAnswer(request, 12));
        using var generator = Create(server);

        Assert.Equal(12, await generator.GetDimensionAsync(Ct));
        Assert.Equal(12, ((IEmbeddingModel)generator).Dimension);

        var request = Assert.Single(server.Requests);
        Assert.Equal([RemoteEmbeddingGenerator.ProbeText], request.Inputs);
    }

    [Fact]
    public async Task Knows_the_dimension_from_a_generation_without_a_probe()
    {
        await using var server = LoopbackHttpServer.Start(request => FakeEmbeddings.OpenAiAnswer(request, 5));
        using var generator = Create(server);

        await generator.GenerateAsync(["benefits"], cancellationToken: Ct);

        Assert.Equal(5, generator.Dimension);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Requests_the_configured_dimensions_and_rejects_other_sizes()
    {
        await using var server = LoopbackHttpServer.Start(request =>
            FakeEmbeddings.OpenAiAnswer(request, request.Body.GetProperty("dimensions").GetInt32()));
        using var generator = Create(server, dimensions: 4);

        var embeddings = await generator.GenerateAsync(["short"], cancellationToken: Ct);

        Assert.Equal(4, embeddings[0].Vector.Length);
        Assert.Equal(4, generator.Dimension);
        Assert.Equal(4, Assert.Single(server.Requests).Body.GetProperty("dimensions").GetInt32());

        await using var ignoring = LoopbackHttpServer.Start(request => FakeEmbeddings.OpenAiAnswer(request, 8));
        using var mismatched = Create(ignoring, dimensions: 4);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => mismatched.GenerateAsync(["short"], cancellationToken: Ct));
        Assert.Contains("Dimensions is 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimates_tokens_conservatively()
    {
        await using var server = LoopbackHttpServer.Start(request => FakeEmbeddings.OpenAiAnswer(request, 4));
        using var generator = Create(server);

        // 2 word pieces but 13 characters: a third of the characters.
        Assert.Equal(5, generator.CountTokens("dental\nvision"));
        // 7 characters but 5 word pieces.
        Assert.Equal(5, generator.CountTokens("a, b, c"));
    }

    [Fact]
    public async Task Works_against_a_real_openai_compatible_endpoint_when_configured()
    {
        var baseUrl = Environment.GetEnvironmentVariable("OPENAI_BASE_URL");
        var model = Environment.GetEnvironmentVariable("OPENAI_EMBEDDING_MODEL");
        if (string.IsNullOrWhiteSpace(baseUrl) || string.IsNullOrWhiteSpace(model))
        {
            Assert.Skip("Set OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL to test against a real OpenAI-compatible server.");
        }
        using var generator = (RemoteEmbeddingGenerator)EmbeddingServiceCollectionExtensions.CreateEmbedder(
            new EmbeddingOptions
            {
                Provider = EmbeddingProvider.OpenAI,
                Endpoint = baseUrl,
                Model = model,
                ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
            },
            NullLoggerFactory.Instance);

        var embeddings = await generator.GenerateAsync(
            [
                "How do I get reimbursed for gym membership?",
                "PerksPlus reimburses fitness expenses such as gym memberships",
                "The deductible for in-network providers is $2,000",
            ],
            cancellationToken: Ct);

        Assert.Equal(3, embeddings.Count);
        Assert.Equal(generator.Dimension, embeddings[0].Vector.Length);
        Assert.True(VectorMath.Cosine(embeddings[0], embeddings[1]) > VectorMath.Cosine(embeddings[0], embeddings[2]));
    }
}
