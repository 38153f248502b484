namespace KnowledgePortal.Shared.Articles;

/// <summary>An image stored with an article (its bytes in the original-file store, by hash), shown wherever the article may be read.</summary>
public sealed class ArticleImage
{
    public Guid Id { get; set; }

    public Guid ArticleId { get; set; }

    public required string FileName { get; set; }

    /// <summary>image/png, image/jpeg, image/gif or image/webp: decided from the bytes, never from the name.</summary>
    public required string ContentType { get; set; }

    public required string ContentHash { get; set; }

    public long SizeBytes { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
