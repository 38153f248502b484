using KnowledgePortal.Shared.Conversations;

namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <param name="Reason">Why an answer did not help; null for a thumbs-up.</param>
public sealed record FeedbackSubmission(bool Helpful, FeedbackReason? Reason, string? Comment);
