namespace KnowledgePortal.Shared.Articles;

/// <summary>What readers are told about a cited or found article: that it is curated, and whether its content is verified or needs review.</summary>
public sealed record ArticleBadge(Guid ArticleId, int Version, string? VerifiedBy, DateTimeOffset? VerifiedAt, bool NeedsReview)
{
    public bool Verified => VerifiedAt is not null && !NeedsReview;
}
