using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Shared.Gaps;

/// <summary>Settings of the editors' knowledge-gap queue (section <c>KnowledgePortal:Gaps</c>).</summary>
public sealed class GapsOptions
{
    public const string SectionName = "KnowledgePortal:Gaps";

    /// <summary>Cosine similarity of two questions' embeddings from which they count as the same gap.</summary>
    [Range(0.0, 1.0)]
    public double SimilarityThreshold { get; set; } = 0.7;

    /// <summary>How far back unanswered questions and negative feedback are gathered.</summary>
    [Range(1, 3650)]
    public int WindowDays { get; set; } = 90;

    /// <summary>
    /// An answer whose evidence score is less than this above <c>Answering:MinEvidence</c> counts as a gap too:
    /// it was answered, but barely. 0 leaves such answers out.
    /// </summary>
    [Range(0.0, 1.0)]
    public double LowEvidenceMargin { get; set; } = 0.05;

    /// <summary>Most signals a gap list reads, newest first, to bound the embedding work of one page view.</summary>
    [Range(10, 100_000)]
    public int MaxSignals { get; set; } = 2000;
}
