namespace KnowledgePortal.Shared.Storage;

/// <summary>
/// An append-only record that a document's chunks or audience changed. In-memory indexes in every
/// process (portal, `kp`, workers) replay these to stay current without reloading everything.
/// </summary>
public sealed class IndexChange
{
    public long Sequence { get; set; }

    public Guid DocumentId { get; set; }

    public DateTimeOffset At { get; set; }
}
