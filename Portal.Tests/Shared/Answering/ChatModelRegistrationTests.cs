using KnowledgePortal.Ingestion;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Composition;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>How a host composes answering from configuration: which model, if any, and what start-up refuses.</summary>
public sealed class ChatModelRegistrationTests
{
    /// <summary>The services of a host composed as kp composes them; nothing is started or opened.</summary>
    private static ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["KnowledgePortal:DataDir"] = Path.Combine(Path.GetTempPath(), "kp-unused-" + Guid.NewGuid().ToString("N"));
        builder.Services.AddKnowledgeCore(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Without_settings_answers_are_extractive_and_no_model_client_exists()
    {
        using var provider = Compose([]);

        Assert.Null(provider.GetService<IChatClient>());
        Assert.False(provider.GetRequiredService<AnswerGenerator>().UsesChatModel);
        Assert.NotNull(provider.GetRequiredService<QuestionAnswerer>());
        Assert.Equal(ChatModelProvider.None, provider.GetRequiredService<IOptions<ChatModelOptions>>().Value.Provider);
    }

    [Theory]
    [InlineData("OpenAI", "http://127.0.0.1:9/v1", "openai")]
    [InlineData("ollama", "http://127.0.0.1:9/", "ollama")]
    public void A_configured_provider_gets_its_client_for_the_model(string providerSetting, string endpoint, string expectedProvider)
    {
        using var provider = Compose(new()
        {
            ["KnowledgePortal:Chat:Provider"] = providerSetting,
            ["KnowledgePortal:Chat:Endpoint"] = endpoint,
            ["KnowledgePortal:Chat:Model"] = "test-model",
        });

        var client = provider.GetRequiredService<IChatClient>();
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal(expectedProvider, metadata.ProviderName, ignoreCase: true);
        Assert.Equal("test-model", metadata.DefaultModelId);
        Assert.True(provider.GetRequiredService<AnswerGenerator>().UsesChatModel);
    }

    [Fact]
    public void A_provider_without_endpoint_or_model_is_refused_naming_the_keys()
    {
        using var provider = Compose(new() { ["KnowledgePortal:Chat:Provider"] = "Ollama" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatModelOptions>>().Value);

        Assert.Contains("KnowledgePortal:Chat:Endpoint is required when Provider is Ollama.", error.Failures);
        Assert.Contains("KnowledgePortal:Chat:Model is required when Provider is Ollama.", error.Failures);
    }

    [Fact]
    public void Binds_every_setting_and_an_empty_temperature_sends_none()
    {
        using var provider = Compose(new()
        {
            ["KnowledgePortal:Chat:Provider"] = "OpenAI",
            ["KnowledgePortal:Chat:Endpoint"] = "http://localhost:8080/v1",
            ["KnowledgePortal:Chat:Model"] = "qwen2.5",
            ["KnowledgePortal:Chat:ApiKey"] = "sk-local",
            ["KnowledgePortal:Chat:Temperature"] = "",
            ["KnowledgePortal:Chat:MaxOutputTokens"] = "300",
            ["KnowledgePortal:Chat:TimeoutSeconds"] = "20",
        });

        var options = provider.GetRequiredService<IOptions<ChatModelOptions>>().Value;

        Assert.Equal(ChatModelProvider.OpenAI, options.Provider);
        Assert.Equal("qwen2.5", options.Model);
        Assert.Equal("sk-local", options.ApiKey);
        Assert.Null(options.Temperature);
        Assert.Equal(300, options.MaxOutputTokens);
        Assert.Equal(20, options.TimeoutSeconds);
    }
}
