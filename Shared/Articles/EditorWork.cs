namespace KnowledgePortal.Shared.Articles;

/// <summary>An editor's home: what waits for them.</summary>
public sealed record EditorWork(
    IReadOnlyList<ArticleSummary> Drafts,
    IReadOnlyList<ArticleSummary> ReviewsWaiting,
    IReadOnlyList<ArticleSummary> VerificationsDue);
