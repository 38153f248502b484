using KnowledgePortal.Shared.Embeddings;

namespace KnowledgePortal.Tests.Shared.Embeddings;

public sealed class EmbeddingOptionsValidatorTests
{
    private static IEnumerable<string> Failures(EmbeddingOptions options) =>
        new EmbeddingOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Accepts_the_defaults() => Assert.Empty(Failures(new EmbeddingOptions()));

    [Fact]
    public void Accepts_a_complete_remote_configuration()
    {
        Assert.Empty(Failures(new EmbeddingOptions
        {
            Provider = EmbeddingProvider.OpenAI, Endpoint = "https://api.openai.com/v1", Model = "text-embedding-3-small", Dimensions = 512,
        }));
        Assert.Empty(Failures(new EmbeddingOptions
        {
            Provider = EmbeddingProvider.Ollama, Endpoint = "http://localhost:11434", Model = "nomic-embed-text", MaxInputTokens = 2048,
        }));
    }

    [Theory]
    [InlineData(EmbeddingProvider.OpenAI, "KnowledgePortal:Embeddings:Endpoint is required when Provider is OpenAI.")]
    [InlineData(EmbeddingProvider.Ollama, "KnowledgePortal:Embeddings:Endpoint is required when Provider is Ollama.")]
    public void Names_a_missing_endpoint(EmbeddingProvider provider, string message) =>
        Assert.Contains(message, Failures(new EmbeddingOptions { Provider = provider, Model = "m" }));

    [Fact]
    public void Names_a_missing_model_and_a_malformed_endpoint()
    {
        var failures = Failures(new EmbeddingOptions { Provider = EmbeddingProvider.OpenAI, Endpoint = "api.openai.com" }).ToArray();

        Assert.Contains("KnowledgePortal:Embeddings:Model is required when Provider is OpenAI.", failures);
        Assert.Contains(failures, f => f.Contains("must be an absolute http or https URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_settings_the_local_model_cannot_honour()
    {
        var failures = Failures(new EmbeddingOptions { Model = "text-embedding-3-small", Dimensions = 768, MaxInputTokens = 512, BatchSize = 0 }).ToArray();

        Assert.Equal(4, failures.Length);
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Embeddings:Model 'text-embedding-3-small' needs Provider OpenAI or Ollama", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Embeddings:Dimensions is 768", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Embeddings:MaxInputTokens is 512", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Embeddings:BatchSize", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_an_undefined_provider() =>
        Assert.Contains("KnowledgePortal:Embeddings:Provider must be Local, OpenAI or Ollama.", Failures(new EmbeddingOptions { Provider = (EmbeddingProvider)7 }));
}
