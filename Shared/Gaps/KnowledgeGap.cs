using KnowledgePortal.Shared.Conversations;

namespace KnowledgePortal.Shared.Gaps;

/// <summary>Questions that mean the same and that the knowledge base did not answer well, grouped.</summary>
/// <param name="Question">The most recent question of the group, standing for it.</param>
/// <param name="Examples">Distinct questions of the group, newest first (at most five).</param>
public sealed record KnowledgeGap(
    string Question,
    int Count,
    DateTimeOffset LastAskedAt,
    IReadOnlyList<string> Examples,
    int NotFoundCount,
    int LowEvidenceCount,
    IReadOnlyDictionary<FeedbackReason, int> Reasons,
    IReadOnlyList<GapSignal> Signals)
{
    public int NegativeFeedbackCount => Count - NotFoundCount - LowEvidenceCount;
}
