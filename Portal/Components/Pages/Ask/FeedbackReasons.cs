using KnowledgePortal.Shared.Conversations;

namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>How a thumbs-down reason reads on the page, when choosing it and when shown again.</summary>
public static class FeedbackReasons
{
    public static string Describe(FeedbackReason reason) => reason switch
    {
        FeedbackReason.Wrong => "Wrong",
        FeedbackReason.Outdated => "Outdated",
        FeedbackReason.NotWhatIAsked => "Not what I asked",
        _ => "Other",
    };
}
