using KnowledgePortal.Shared.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Tests.Shared.Embeddings;

public sealed class EmbeddingServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddEmbeddings(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Registers_the_local_model_by_default_as_one_instance_without_loading_it()
    {
        using var provider = Build();

        var model = provider.GetRequiredService<IEmbeddingModel>();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.Same(model, generator);
        var local = Assert.IsType<LocalMiniLmEmbeddingGenerator>(model);
        Assert.False(local.IsModelLoaded);
        Assert.Equal("local/all-MiniLM-L6-v2", model.ModelId);
        Assert.Equal(LocalMiniLmEmbeddingGenerator.DefaultBatchSize, local.BatchSize);
    }

    [Fact]
    public void Registers_an_openai_compatible_model_from_configuration()
    {
        using var provider = Build(
            ("KnowledgePortal:Embeddings:Provider", "OpenAI"),
            ("KnowledgePortal:Embeddings:Endpoint", "http://127.0.0.1:9/v1"),
            ("KnowledgePortal:Embeddings:Model", "text-embedding-3-small"),
            ("KnowledgePortal:Embeddings:Dimensions", "256"),
            ("KnowledgePortal:Embeddings:MaxInputTokens", "8191"));

        var model = provider.GetRequiredService<IEmbeddingModel>();

        Assert.IsType<RemoteEmbeddingGenerator>(model);
        Assert.Same(model, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal("openai/text-embedding-3-small", model.ModelId);
        Assert.Equal(256, model.Dimension);
        Assert.Equal(8191, model.MaxInputTokens);
    }

    [Fact]
    public void Registers_an_ollama_model_from_configuration()
    {
        using var provider = Build(
            ("KnowledgePortal:Embeddings:Provider", "ollama"),
            ("KnowledgePortal:Embeddings:Endpoint", "http://127.0.0.1:9"),
            ("KnowledgePortal:Embeddings:Model", "nomic-embed-text"));

        var model = provider.GetRequiredService<IEmbeddingModel>();

        Assert.Equal("ollama/nomic-embed-text", model.ModelId);
        Assert.Equal(EmbeddingOptions.DefaultRemoteMaxInputTokens, model.MaxInputTokens);
    }

    [Fact]
    public void Explains_an_invalid_configuration_when_resolved()
    {
        using var provider = Build(("KnowledgePortal:Embeddings:Provider", "OpenAI"), ("KnowledgePortal:Embeddings:Model", "m"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEmbeddingModel>());

        Assert.Contains("KnowledgePortal:Embeddings:Endpoint is required when Provider is OpenAI.", error.Failures);
    }

    [Fact]
    public async Task Refuses_to_start_a_host_with_an_invalid_configuration()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("KnowledgePortal:Embeddings:Provider", "Ollama")]);
        builder.Services.AddEmbeddings(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("KnowledgePortal:Embeddings:Endpoint is required when Provider is Ollama.", error.Failures);
    }

    [Fact]
    public async Task Loads_the_local_model_in_the_background_after_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEmbeddings(builder.Configuration);
        using var host = builder.Build();
        var local = (LocalMiniLmEmbeddingGenerator)host.Services.GetRequiredService<IEmbeddingModel>();

        await host.StartAsync(Ct);
        for (var waited = 0; !local.IsModelLoaded && waited < 60_000; waited += 50)
        {
            await Task.Delay(50, Ct);
        }
        await host.StopAsync(Ct);

        Assert.True(local.IsModelLoaded);
    }

    [Fact]
    public async Task Does_not_warm_up_when_switched_off()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("KnowledgePortal:Embeddings:WarmUp", "false")]);
        builder.Services.AddEmbeddings(builder.Configuration);
        using var host = builder.Build();
        var local = (LocalMiniLmEmbeddingGenerator)host.Services.GetRequiredService<IEmbeddingModel>();

        await host.StartAsync(Ct);
        await Task.Delay(300, Ct);
        await host.StopAsync(Ct);

        Assert.False(local.IsModelLoaded);
    }
}
