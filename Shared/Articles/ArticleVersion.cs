namespace KnowledgePortal.Shared.Articles;

/// <summary>A published version of an article, never changed after it is written.</summary>
public sealed class ArticleVersion
{
    public Guid ArticleId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public string? Summary { get; set; }

    public string Tags { get; set; } = string.Empty;

    public DateTimeOffset PublishedAt { get; set; }

    public required string PublishedBy { get; set; }
}
