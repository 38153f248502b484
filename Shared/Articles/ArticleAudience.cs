namespace KnowledgePortal.Shared.Articles;

/// <summary>One principal allowed to read an article: the same strings as a document's audience.</summary>
public sealed class ArticleAudience
{
    public Guid ArticleId { get; set; }

    public required string Principal { get; set; }
}
