namespace KnowledgePortal.Ingestion.Pipeline;

/// <param name="Name">The document name (file name).</param>
/// <param name="JobId">The queued job, when one was queued.</param>
/// <param name="Message">Why it was rejected, for a person.</param>
public sealed record IntakeResult(IntakeOutcome Outcome, string Name, Guid? DocumentId = null, long? JobId = null, string? Message = null);
