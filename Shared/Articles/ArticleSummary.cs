namespace KnowledgePortal.Shared.Articles;

/// <summary>An article as lists show it.</summary>
/// <param name="HasUnpublishedChanges">A published article whose working copy is a newer draft or in review.</param>
/// <param name="ValidUntil">When the published version stops answering, if it ever does.</param>
/// <param name="Expired">Published, but past <paramref name="ValidUntil"/>: out of search and answers until renewed.</param>
public sealed record ArticleSummary(
    Guid Id,
    string Title,
    ArticleState State,
    int? PublishedVersion,
    int LatestVersion,
    bool HasUnpublishedChanges,
    string OwnerName,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Audience,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastVerifiedAt,
    DateTimeOffset? VerificationDue,
    bool NeedsReview,
    DateTimeOffset? ValidUntil,
    bool Expired);
