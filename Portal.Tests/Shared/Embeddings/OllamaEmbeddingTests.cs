using KnowledgePortal.Shared.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgePortal.Tests.Shared.Embeddings;

/// <summary>The Ollama path against a real HTTP server speaking POST /api/embed.</summary>
public sealed class OllamaEmbeddingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RemoteEmbeddingGenerator Create(string endpoint, string model, int? dimensions = null, int? batchSize = null) =>
        (RemoteEmbeddingGenerator)EmbeddingServiceCollectionExtensions.CreateEmbedder(
            new EmbeddingOptions
            {
                Provider = EmbeddingProvider.Ollama,
                Endpoint = endpoint,
                Model = model,
                Dimensions = dimensions,
                BatchSize = batchSize,
            },
            NullLoggerFactory.Instance);

    [Fact]
    public async Task Sends_the_inputs_and_model_and_returns_vectors_in_input_order()
    {
        await using var server = LoopbackHttpServer.Start(request => FakeEmbeddings.OllamaAnswer(request, 7));
        using var generator = Create(server.BaseAddress.ToString(), "nomic-embed-text", batchSize: 3);
        string[] texts = ["vacation", "dental plan", "how do I enrol?", "x"];

        var embeddings = await generator.GenerateAsync(texts, cancellationToken: Ct);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(FakeEmbeddings.VectorFor(texts[i], 7), embeddings[i].Vector.ToArray());
        }
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("nomic-embed-text", r.Body.GetProperty("model").GetString()));
        Assert.Equal(texts, requests.SelectMany(r => r.Inputs));
        Assert.Equal("ollama/nomic-embed-text", generator.ModelId);
        Assert.Equal(7, generator.Dimension);
    }

    [Fact]
    public async Task Learns_the_dimension_from_one_probe_and_requests_a_configured_one()
    {
        await using var server = LoopbackHttpServer.Start(request => FakeEmbeddings.OllamaAnswer(
            request, request.Body.TryGetProperty("dimensions", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.Number ? d.GetInt32() : 9));
        using var discovering = Create(server.BaseAddress.ToString(), "mxbai-embed-large");
        using var configured = Create(server.BaseAddress.ToString(), "mxbai-embed-large", dimensions: 3);

        Assert.Equal(9, await discovering.GetDimensionAsync(Ct));
        var embeddings = await configured.GenerateAsync(["short"], cancellationToken: Ct);

        Assert.Equal(3, embeddings[0].Vector.Length);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Works_against_a_real_ollama_when_configured()
    {
        var baseUrl = Environment.GetEnvironmentVariable("OLLAMA_BASE_URL");
        var model = Environment.GetEnvironmentVariable("OLLAMA_EMBEDDING_MODEL");
        if (string.IsNullOrWhiteSpace(baseUrl) || string.IsNullOrWhiteSpace(model))
        {
            Assert.Skip("Set OLLAMA_BASE_URL and OLLAMA_EMBEDDING_MODEL to test against a real Ollama server.");
        }
        using var generator = Create(baseUrl, model);

        var embeddings = await generator.GenerateAsync(
            [
                "How do I get reimbursed for gym membership?",
                "PerksPlus reimburses fitness expenses such as gym memberships",
                "The deductible for in-network providers is $2,000",
            ],
            cancellationToken: Ct);

        Assert.Equal(3, embeddings.Count);
        Assert.True(VectorMath.Cosine(embeddings[0], embeddings[1]) > VectorMath.Cosine(embeddings[0], embeddings[2]));
    }
}
