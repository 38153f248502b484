using KnowledgePortal.Shared.Articles;

namespace KnowledgePortal.Portal.Api;

/// <summary>Set on a source, citation or hit that is a curated knowledge article (null for a raw document).</summary>
/// <param name="Verified">An editor verified it and the next verification is not yet due.</param>
/// <param name="NeedsReview">Its verification is overdue: show it, but say so.</param>
public sealed record ApiArticle(Guid Id, int Version, bool Verified, string? VerifiedBy, DateTimeOffset? VerifiedAt, bool NeedsReview)
{
    public static ApiArticle? From(ArticleBadge? badge) =>
        badge is null ? null : new(badge.ArticleId, badge.Version, badge.Verified, badge.VerifiedBy, badge.VerifiedAt, badge.NeedsReview);
}
