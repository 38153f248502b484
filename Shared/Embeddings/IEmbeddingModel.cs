namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// How the configured embedder sees text. Chunk budgets come from here, not from a constant,
/// and the index records <see cref="ModelId"/> and <see cref="Dimension"/> so it never mixes vector spaces.
/// </summary>
public interface IEmbeddingModel
{
    /// <summary>Stable identity of the vector space, e.g. "local/all-MiniLM-L6-v2".</summary>
    string ModelId { get; }

    int Dimension { get; }

    /// <summary>Tokens of content the model reads from one input; anything past it is silently cut.</summary>
    int MaxInputTokens { get; }

    /// <summary>Tokens <paramref name="text"/> takes of <see cref="MaxInputTokens"/> (special tokens excluded).</summary>
    int CountTokens(string text);
}
