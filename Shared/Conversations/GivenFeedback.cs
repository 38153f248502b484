namespace KnowledgePortal.Shared.Conversations;

/// <summary>Feedback a person already gave on one of their answers, to show it again instead of asking twice.</summary>
public sealed record GivenFeedback(bool Helpful, FeedbackReason? Reason);
