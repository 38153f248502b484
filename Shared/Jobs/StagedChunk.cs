namespace KnowledgePortal.Shared.Jobs;

/// <summary>
/// A chunk produced by a running job, kept until the indexing step swaps the document's chunks in
/// one transaction. Vectors are filled batch by batch, so a job resumed after a crash embeds only
/// what is missing and never duplicates a chunk.
/// </summary>
public sealed class StagedChunk
{
    public long JobId { get; set; }

    public int Ordinal { get; set; }

    public required string Text { get; set; }

    /// <summary>The exact text given to the embedder (may carry the title and heading path).</summary>
    public required string EmbeddingText { get; set; }

    public string? HeadingPath { get; set; }

    public int PageStart { get; set; }

    public int PageEnd { get; set; }

    public int StartOffset { get; set; }

    public int EndOffset { get; set; }

    public int TokenCount { get; set; }

    public byte[]? Vector { get; set; }
}
