using KnowledgePortal.Shared.Conversations;

namespace KnowledgePortal.Shared.Gaps;

/// <summary>One unanswered question or thumbs-down, as an editor may see it: the question text, never who asked.</summary>
/// <param name="SourceId">The answer's message id (not found) or the feedback's id (thumbs-down).</param>
public sealed record GapSignal(GapSignalKind Kind, long SourceId, string Question, DateTimeOffset At, FeedbackReason? Reason = null);
