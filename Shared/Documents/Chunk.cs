namespace KnowledgePortal.Shared.Documents;

/// <summary>
/// A searchable passage of a document. Offsets let the viewer highlight it: <see cref="StartOffset"/> is
/// in the text of page <see cref="PageStart"/>, <see cref="EndOffset"/> in the text of page <see cref="PageEnd"/>.
/// </summary>
public sealed class Chunk
{
    public long Id { get; set; }

    public Guid DocumentId { get; set; }

    public int Ordinal { get; set; }

    /// <summary>The passage as people read it in citations.</summary>
    public required string Text { get; set; }

    /// <summary>Headings the passage sits under, outermost first, joined by " > ".</summary>
    public string? HeadingPath { get; set; }

    public int PageStart { get; set; }

    public int PageEnd { get; set; }

    public int StartOffset { get; set; }

    public int EndOffset { get; set; }

    public int TokenCount { get; set; }

    /// <summary>The embedding as little-endian float32, persisted so the in-process index and Qdrant can be rebuilt without re-embedding.</summary>
    public required byte[] Vector { get; set; }
}
