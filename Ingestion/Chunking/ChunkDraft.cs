namespace KnowledgePortal.Ingestion.Chunking;

/// <summary>A chunk as the chunker produced it, before it is embedded.</summary>
/// <param name="Text">The passage people read; blocks separated by a line break.</param>
/// <param name="EmbeddingText">Whitespace-normalised text given to the embedder, with its context prefix.</param>
/// <param name="HeadingPath">Headings above the passage joined by " > ", or null.</param>
/// <param name="StartOffset">Offset of the first character in the text of <paramref name="PageStart"/>.</param>
/// <param name="EndOffset">Offset just past the last character in the text of <paramref name="PageEnd"/>.</param>
/// <param name="TokenCount">Embedder tokens of <paramref name="EmbeddingText"/>.</param>
public sealed record ChunkDraft(
    int Ordinal,
    string Text,
    string EmbeddingText,
    string? HeadingPath,
    int PageStart,
    int PageEnd,
    int StartOffset,
    int EndOffset,
    int TokenCount);
