namespace KnowledgePortal.Shared.Curation;

/// <summary>An editor's pin: for questions like <see cref="Query"/>, the document ranks first (for readers who may read it).</summary>
public sealed class PinnedQuery
{
    public long Id { get; set; }

    public required string Query { get; set; }

    /// <summary>The query's embedding (little-endian float32), to match questions worded differently.</summary>
    public required byte[] Vector { get; set; }

    public Guid DocumentId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
