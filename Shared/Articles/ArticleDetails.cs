namespace KnowledgePortal.Shared.Articles;

/// <summary>An article as its editor page shows it: the working copy, its versions and its audit trail.</summary>
public sealed record ArticleDetails(
    Article Article,
    string OwnerName,
    string? VerifierName,
    bool MayVerify,
    bool MayPublish,
    IReadOnlyList<ArticleVersion> Versions,
    IReadOnlyList<ArticleHistoryEntry> History);
