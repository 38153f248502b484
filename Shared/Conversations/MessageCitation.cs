namespace KnowledgePortal.Shared.Conversations;

/// <summary>
/// A source an answer cited, as it was when cited. Shown again only while the reader may still read
/// the document: history never outlives a change of audience.
/// </summary>
public sealed class MessageCitation
{
    public long MessageId { get; set; }

    /// <summary>The n of "[n]" in the answer.</summary>
    public int Number { get; set; }

    public Guid DocumentId { get; set; }

    /// <summary>The chunk cited; it may have been replaced by a newer version of the document since.</summary>
    public long ChunkId { get; set; }

    public int PageStart { get; set; }

    public int PageEnd { get; set; }

    public required string Quote { get; set; }
}
