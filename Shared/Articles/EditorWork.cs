namespace KnowledgePortal.Shared.Articles;

/// <summary>An editor's home: what waits for them.</summary>
/// <param name="Expiring">Their published articles past or near their valid-until date: renew the date, or retire.</param>
public sealed record EditorWork(
    IReadOnlyList<ArticleSummary> Drafts,
    IReadOnlyList<ArticleSummary> ReviewsWaiting,
    IReadOnlyList<ArticleSummary> VerificationsDue,
    IReadOnlyList<ArticleSummary> Expiring);
