namespace KnowledgePortal.Shared.Configuration;

/// <summary>The settings every remote model (chat or embeddings, OpenAI-compatible or Ollama) needs, checked alike.</summary>
public static class RemoteModelSettings
{
    // OpenAIClient insists on a credential; self-hosted OpenAI-compatible servers usually ignore it.
    private const string PlaceholderApiKey = "no-key";

    /// <summary>The API key to hand an OpenAI client: the configured one, or a placeholder for servers that need none.</summary>
    public static System.ClientModel.ApiKeyCredential OpenAiCredential(string? apiKey) =>
        new(string.IsNullOrEmpty(apiKey) ? PlaceholderApiKey : apiKey);

    /// <summary>Adds a message naming the setting for a missing or unusable endpoint or a missing model.</summary>
    public static void Check(string section, string provider, string? endpoint, string? model, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            failures.Add($"{section}:Endpoint is required when Provider is {provider}.");
        }
        else if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{section}:Endpoint '{endpoint}' must be an absolute http or https URL.");
        }
        if (string.IsNullOrWhiteSpace(model))
        {
            failures.Add($"{section}:Model is required when Provider is {provider}.");
        }
    }
}
