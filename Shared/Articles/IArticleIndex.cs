namespace KnowledgePortal.Shared.Articles;

/// <summary>
/// Where published articles become searchable: the ingestion pipeline, which chunks them by heading
/// like any Markdown document. A port, so the lifecycle lives here and indexing stays in Ingestion.
/// </summary>
public interface IArticleIndex
{
    /// <summary>Queues the version for indexing in place of the article's earlier one; returns the document it is indexed as.</summary>
    Task<Guid> PublishAsync(Article article, ArticleVersion version, CancellationToken cancellationToken);

    /// <summary>Takes the article out of search and answers at once.</summary>
    Task WithdrawAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Applies a new audience (principals) or valid-until date to the indexed version from the next query on.</summary>
    Task UpdateAccessAsync(Guid documentId, IReadOnlyList<string> audience, DateTimeOffset? expiresAt, CancellationToken cancellationToken);
}
