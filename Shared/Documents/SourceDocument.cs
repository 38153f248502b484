namespace KnowledgePortal.Shared.Documents;

/// <summary>A document added to the knowledge base: one file, its current indexed version and who may read it.</summary>
public sealed class SourceDocument
{
    public Guid Id { get; set; }

    /// <summary>File name as people know it ("PerksPlus.pdf"); unique among documents.</summary>
    public required string Name { get; set; }

    /// <summary>Where the file was ingested from (absolute path), so a re-ingest of the same path updates this document.</summary>
    public string? SourcePath { get; set; }

    public DocumentKind? Kind { get; set; }

    public string? Title { get; set; }

    /// <summary>SHA-256 (hex) of the most recently submitted content; the stored original is named by it.</summary>
    public required string ContentHash { get; set; }

    /// <summary>SHA-256 of the content the searchable chunks come from; differs from <see cref="ContentHash"/> while a new version is processed or after it failed.</summary>
    public string? IndexedHash { get; set; }

    /// <summary>The embedding model that built this document's vectors; vector search skips documents built by another model.</summary>
    public string? EmbeddingModel { get; set; }

    public long SizeBytes { get; set; }

    public DocumentStatus Status { get; set; }

    /// <summary>Why the latest version could not be ingested, written for a person.</summary>
    public string? Error { get; set; }

    /// <summary>What the indexed version lacks although it is ready ("1 page could not be read (p. 32)"), for a person.</summary>
    public string? Warning { get; set; }

    public int PageCount { get; set; }

    public int ChunkCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? IndexedAt { get; set; }

    /// <summary>The knowledge article this document is the published version of; null for an uploaded file.</summary>
    public Guid? ArticleId { get; set; }

    /// <summary>After this time the document leaves search and answers (an article's valid-until date).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>An editor took the document out of answers; search still finds it.</summary>
    public bool HiddenFromAnswers { get; set; }

    /// <summary>Since when an editor marks the document outdated: answers still cite it, with that badge.</summary>
    public DateTimeOffset? OutdatedSince { get; set; }

    public List<DocumentAudience> Audience { get; set; } = [];
}
