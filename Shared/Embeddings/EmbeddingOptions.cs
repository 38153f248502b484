namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// Which embedder the portal and <c>kp</c> use, bound from <c>KnowledgePortal:Embeddings</c>.
/// Changing provider, model or dimensions changes the vector space: the index refuses to mix and
/// <c>kp reindex</c> rebuilds it.
/// </summary>
public sealed class EmbeddingOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "KnowledgePortal:Embeddings";

    /// <summary>Word pieces a remote model is assumed to read when <see cref="MaxInputTokens"/> is not set.</summary>
    public const int DefaultRemoteMaxInputTokens = 512;

    /// <summary>Inputs per HTTP request to a remote embedder when <see cref="BatchSize"/> is not set.</summary>
    public const int DefaultRemoteBatchSize = 64;

    /// <summary><see cref="EmbeddingProvider.Local"/> (default), <see cref="EmbeddingProvider.OpenAI"/> or <see cref="EmbeddingProvider.Ollama"/>.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    /// <summary>
    /// Base address of a remote embedder: for OpenAI-compatible servers the URL that "/embeddings" is
    /// appended to (e.g. https://api.openai.com/v1), for Ollama the server (e.g. http://localhost:11434).
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Remote model name (e.g. text-embedding-3-small, nomic-embed-text). Not used by Local.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Bearer key for OpenAI-compatible servers. Optional because many self-hosted servers take none;
    /// a placeholder is then sent. Keep it in user secrets or the environment, not in appsettings.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Vector length. For remote models it is requested from the server (OpenAI and Ollama shorten
    /// vectors of models that support it) and every response is checked against it; when unset it is
    /// discovered by embedding a probe string once. Local only accepts 384.
    /// </summary>
    public int? Dimensions { get; set; }

    /// <summary>
    /// Word pieces of content the model reads per input; chunk budgets come from it. Default
    /// <see cref="DefaultRemoteMaxInputTokens"/> for remote models; Local always reads 254.
    /// </summary>
    public int? MaxInputTokens { get; set; }

    /// <summary>Inputs per ONNX run (Local, default 8: a waiting query waits for one run) or per HTTP request (remote, default <see cref="DefaultRemoteBatchSize"/>).</summary>
    public int? BatchSize { get; set; }

    /// <summary>
    /// ONNX Runtime threads per run for Local; default (or 0) is the processor count. On a host kept busy by
    /// other work 1 does as well (15.7-17.0 vs 15.2-15.5 chunks/s measured at load 10 on 2 cores).
    /// </summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>
    /// Load the local model (or probe a remote model's dimension) in the background once the host has
    /// started, so the first search does not pay for it. Start-up itself never waits for it.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}
