using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Ingestion.Chunking;

/// <summary>Bound from <c>KnowledgePortal:Chunking</c>. Token figures are in the embedder's own tokens.</summary>
public sealed class ChunkingOptions
{
    public const string Section = "KnowledgePortal:Chunking";

    /// <summary>
    /// Size a chunk is filled to, capped by what the embedder reads after the embedding prefix.
    /// Values of 0 or above the embedder's limit mean "the embedder's limit".
    /// </summary>
    [Range(0, 100_000)]
    public int TargetTokens { get; set; } = 200;

    /// <summary>A chunk smaller than this does not end at a heading but runs on into the next section.</summary>
    [Range(0, 10_000)]
    public int MinTokens { get; set; } = 40;

    /// <summary>Tokens of trailing sentences repeated at the start of the next chunk when a section is split by size.</summary>
    [Range(0, 10_000)]
    public int OverlapTokens { get; set; } = 30;

    /// <summary>What is put before the chunk text in the text given to the embedder.</summary>
    public EmbeddingPrefix EmbeddingPrefix { get; set; } = EmbeddingPrefix.TitleAndHeadings;
}
