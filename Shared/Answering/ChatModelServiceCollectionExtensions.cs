using System.ClientModel.Primitives;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace KnowledgePortal.Shared.Answering;

/// <summary>Registers the chat model that writes answers, chosen by <c>KnowledgePortal:Chat</c>.</summary>
internal static class ChatModelServiceCollectionExtensions
{
    // The answerer's own silence timeout comes first; the transport only guards against a hung socket.
    private static readonly TimeSpan TransportGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers one singleton <see cref="IChatClient"/> for the provider named by
    /// <c>KnowledgePortal:Chat:Provider</c>, built from the validated <see cref="ChatModelOptions"/> (which
    /// <c>AddAnswering</c> binds and which calls this). With Provider None (the default) nothing is registered and answers are
    /// extractive. Nothing connects at registration or resolution.
    /// </summary>
    public static IServiceCollection AddChatModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // An unreadable value is reported by options validation at start-up, naming the key.
        var provider = configuration[$"{ChatModelOptions.Section}:{nameof(ChatModelOptions.Provider)}"];
        if (string.IsNullOrWhiteSpace(provider)
            || (Enum.TryParse<ChatModelProvider>(provider, ignoreCase: true, out var parsed) && parsed == ChatModelProvider.None))
        {
            return services;
        }
        services.TryAddSingleton(sp => CreateChatClient(sp.GetRequiredService<IOptions<ChatModelOptions>>().Value));
        return services;
    }

    /// <summary>Builds the client that <paramref name="options"/> (already validated) describe.</summary>
    internal static IChatClient CreateChatClient(ChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transportTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds) + TransportGrace;
        switch (options.Provider)
        {
            case ChatModelProvider.OpenAI:
            {
                var client = new OpenAIClient(
                    RemoteModelSettings.OpenAiCredential(options.ApiKey),
                    new OpenAIClientOptions
                    {
                        Endpoint = new Uri(options.Endpoint!),
                        NetworkTimeout = transportTimeout,
                        // Someone is waiting; a failed call falls back to the extractive answer at once instead.
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    });
                return client.GetChatClient(options.Model!).AsIChatClient();
            }

            case ChatModelProvider.Ollama:
            {
                var http = new HttpClient { BaseAddress = new Uri(options.Endpoint!), Timeout = transportTimeout };
                return new OllamaApiClient(http, options.Model!);
            }

            default:
                throw new InvalidOperationException($"{ChatModelOptions.Section}:Provider '{options.Provider}' has no chat client.");
        }
    }
}
