namespace KnowledgePortal.Shared.Embeddings;

/// <summary>Where embeddings are computed.</summary>
public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2 in-process on the CPU; needs no network and no configuration.</summary>
    Local,

    /// <summary>Any server speaking the OpenAI embeddings API (OpenAI, Azure OpenAI v1, vLLM, LM Studio, llama.cpp...).</summary>
    OpenAI,

    /// <summary>An Ollama server's /api/embed.</summary>
    Ollama,
}
