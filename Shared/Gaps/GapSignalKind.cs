namespace KnowledgePortal.Shared.Gaps;

/// <summary>What says the knowledge base lacks something.</summary>
public enum GapSignalKind
{
    /// <summary>An answer that found nothing ("not found").</summary>
    NotFound = 1,

    /// <summary>A thumbs-down on an answer.</summary>
    NegativeFeedback = 2,

    /// <summary>An answer given on evidence just above the "not found" threshold.</summary>
    LowEvidence = 3,
}
