using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Shared.Answering;

/// <summary>Bound from <c>KnowledgePortal:Answering</c>.</summary>
public sealed class AnsweringOptions
{
    public const string Section = "KnowledgePortal:Answering";

    /// <summary>Passages retrieved and numbered as sources for one answer.</summary>
    [Range(1, 50)]
    public int Sources { get; set; } = 5;

    /// <summary>Most sentences an extractive answer quotes.</summary>
    [Range(1, 20)]
    public int MaxSentences { get; set; } = 3;

    /// <summary>Below this evidence score the answer is "not found" (tuned on the corpus's answerable/unanswerable sets).</summary>
    [Range(0.0, 1.0)]
    public double MinEvidence { get; set; } = 0.45;
}
