namespace KnowledgePortal.Shared.Answering;

/// <summary>Which chat model writes answers.</summary>
public enum ChatModelProvider
{
    /// <summary>No model: answers quote the best sentences of the sources (extractive).</summary>
    None,

    /// <summary>Any server speaking the OpenAI chat-completions API (OpenAI, Azure OpenAI v1, vLLM, LM Studio, llama.cpp...).</summary>
    OpenAI,

    /// <summary>An Ollama server's /api/chat.</summary>
    Ollama,
}
