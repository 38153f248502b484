using KnowledgePortal.Shared.Answering;

namespace KnowledgePortal.Tests.Shared.Answering;

public sealed class ChatModelOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(ChatModelOptions options) =>
        new ChatModelOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_defaults_are_valid_and_call_no_model()
    {
        var options = new ChatModelOptions();

        Assert.Empty(Failures(options));
        Assert.Equal(ChatModelProvider.None, options.Provider);
    }

    [Theory]
    [InlineData(ChatModelProvider.OpenAI)]
    [InlineData(ChatModelProvider.Ollama)]
    public void A_model_provider_needs_an_endpoint_and_a_model(ChatModelProvider provider)
    {
        var failures = Failures(new ChatModelOptions { Provider = provider });

        Assert.Contains($"KnowledgePortal:Chat:Endpoint is required when Provider is {provider}.", failures);
        Assert.Contains($"KnowledgePortal:Chat:Model is required when Provider is {provider}.", failures);
    }

    [Fact]
    public void Names_each_bad_setting()
    {
        var failures = Failures(new ChatModelOptions
        {
            Provider = ChatModelProvider.OpenAI,
            Endpoint = "localhost:8080",
            Model = "gpt-4o-mini",
            Temperature = 3,
            MaxOutputTokens = 0,
            TimeoutSeconds = 0,
        });

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Chat:Endpoint 'localhost:8080' must be an absolute http or https URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Chat:Temperature", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Chat:MaxOutputTokens", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("KnowledgePortal:Chat:TimeoutSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_provider_is_named()
    {
        Assert.Equal(["KnowledgePortal:Chat:Provider must be None, OpenAI or Ollama."], Failures(new ChatModelOptions { Provider = (ChatModelProvider)7 }));
    }
}
