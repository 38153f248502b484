namespace KnowledgePortal.Shared.Conversations;

public enum FeedbackReason
{
    Wrong,
    Outdated,
    NotWhatIAsked,
    Other,
}
