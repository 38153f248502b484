namespace KnowledgePortal.Shared.Articles;

/// <summary>An article as readers get it: its published version, never the draft being written.</summary>
/// <param name="Body">The Markdown body; null in lists.</param>
/// <param name="DocumentId">The document it is indexed as, for the source viewer.</param>
public sealed record PublishedArticle(
    Guid Id,
    int Version,
    string Title,
    string? Summary,
    IReadOnlyList<string> Tags,
    string? Body,
    DateTimeOffset PublishedAt,
    ArticleBadge Badge,
    Guid? DocumentId);
