namespace KnowledgePortal.Ingestion.Pipeline;

public enum IntakeOutcome
{
    /// <summary>A job was queued for a new document or a changed version.</summary>
    Queued,

    /// <summary>The same content is already indexed or being indexed; nothing to do.</summary>
    Unchanged,

    /// <summary>Refused before any work (missing, too large); nothing was stored.</summary>
    Rejected,
}
