using KnowledgePortal.Shared.Configuration;
using KnowledgePortal.Shared.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>Registers the configured embedder.</summary>
public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// Registers one singleton embedder, chosen by <c>KnowledgePortal:Embeddings</c> (see
    /// <see cref="EmbeddingOptions"/>), as both <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> and
    /// <see cref="IEmbeddingModel"/>. The options are validated at start-up. Nothing heavy happens at
    /// registration or resolution: the local model loads on first use, or in the background once the host
    /// has started when <see cref="EmbeddingOptions.WarmUp"/> is on (the default).
    /// </summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmbeddingOptions>()
            .Bind(configuration.GetSection(EmbeddingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());

        services.TryAddSingleton<IEmbeddingModel>(provider => CreateEmbedder(
            provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        // The same instance under both contracts: the index must record the space of the vectors it is given.
        services.TryAddSingleton(provider =>
            (IEmbeddingGenerator<string, Embedding<float>>)provider.GetRequiredService<IEmbeddingModel>());
        services.AddHostedService<EmbeddingWarmUpService>();
        return services;
    }

    /// <summary>Builds the embedder that <paramref name="options"/> (already validated) describe.</summary>
    internal static IEmbeddingModel CreateEmbedder(EmbeddingOptions options, ILoggerFactory loggerFactory)
    {
        switch (options.Provider)
        {
            case EmbeddingProvider.Local:
                return new LocalMiniLmEmbeddingGenerator(
                    options.BatchSize, options.IntraOpThreads, loggerFactory.CreateLogger<LocalMiniLmEmbeddingGenerator>());

            case EmbeddingProvider.OpenAI:
            {
                var client = new OpenAIClient(
                    RemoteModelSettings.OpenAiCredential(options.ApiKey),
                    new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint!) });
                var inner = client.GetEmbeddingClient(options.Model!).AsIEmbeddingGenerator();
                return Remote(inner, $"openai/{options.Model}", options);
            }

            case EmbeddingProvider.Ollama:
                return Remote(new OllamaApiClient(new Uri(options.Endpoint!), options.Model!), $"ollama/{options.Model}", options);

            default:
                throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:Provider '{options.Provider}' is not supported.");
        }
    }

    private static RemoteEmbeddingGenerator Remote(IEmbeddingGenerator<string, Embedding<float>> inner, string modelId, EmbeddingOptions options) =>
        new(inner, modelId, options.Dimensions,
            options.MaxInputTokens ?? EmbeddingOptions.DefaultRemoteMaxInputTokens,
            options.BatchSize ?? EmbeddingOptions.DefaultRemoteBatchSize);
}
