namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// The chat model that writes answers, bound from <c>KnowledgePortal:Chat</c> and validated at
/// start-up. With <see cref="ChatModelProvider.None"/> (the default) answers are extractive and no
/// model is called; <c>AddAnswering</c> registers the client for the configured provider.
/// </summary>
public sealed class ChatModelOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string Section = "KnowledgePortal:Chat";

    /// <summary><see cref="ChatModelProvider.None"/> (default), <see cref="ChatModelProvider.OpenAI"/> or <see cref="ChatModelProvider.Ollama"/>.</summary>
    public ChatModelProvider Provider { get; set; } = ChatModelProvider.None;

    /// <summary>
    /// Base address: for OpenAI-compatible servers the URL that "/chat/completions" is appended to
    /// (e.g. https://api.openai.com/v1, http://localhost:8080/v1), for Ollama the server
    /// (e.g. http://localhost:11434).
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name, e.g. gpt-4o-mini or llama3.2.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Bearer key for OpenAI-compatible servers; optional because self-hosted ones often take none.
    /// Keep it in user secrets or the environment (<c>KnowledgePortal__Chat__ApiKey</c>); it is never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Sampling temperature. Low keeps answers close to the sources. Set it empty to send none, for
    /// models that accept only their default.
    /// </summary>
    public float? Temperature { get; set; } = 0.2f;

    /// <summary>Most tokens one answer may take; answers are meant to be short.</summary>
    public int MaxOutputTokens { get; set; } = 800;

    /// <summary>
    /// Longest silence tolerated from the model: before its first token, between two tokens, and for
    /// the whole follow-up rewrite. Past it the answer falls back to quoting the documents.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 60;
}
