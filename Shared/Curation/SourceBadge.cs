using KnowledgePortal.Shared.Articles;

namespace KnowledgePortal.Shared.Curation;

/// <summary>What editors tell readers about a source: a curated article (with its verification), or a document marked outdated.</summary>
public sealed record SourceBadge(ArticleBadge? Article, DateTimeOffset? OutdatedSince)
{
    public bool Outdated => OutdatedSince is not null;
}
