namespace KnowledgePortal.Ingestion.Pipeline;

public enum IntakeOutcome
{
    /// <summary>A job was queued for a new document or a changed version.</summary>
    Queued,

    /// <summary>The same content is already indexed; nothing to do.</summary>
    Unchanged,

    /// <summary>A job for the same content is already queued or running (for example one a crash interrupted); its id is returned.</summary>
    InProgress,

    /// <summary>Refused before any work (missing, too large); nothing was stored.</summary>
    Rejected,
}
