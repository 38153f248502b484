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

    /// <summary>Most signals a gap list reads, newest first, to bound the embedding work of one page view.</summary>
    [Range(10, 100_000)]
    public int MaxSignals { get; set; } = 2000;
}
