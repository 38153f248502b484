using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Shared.Jobs;

/// <summary>
/// One run of the pipeline over one document version, durable in the database so a crash
/// resumes at next start and a person can see what happened (step, progress, error, heartbeat).
/// </summary>
public sealed class IngestionJob
{
    public long Id { get; set; }

    public Guid DocumentId { get; set; }

    public JobKind Kind { get; set; }

    public JobStatus Status { get; set; }

    /// <summary>The step running now, or the last step reached for a finished job.</summary>
    public JobStep Step { get; set; }

    /// <summary>The content version (SHA-256) this job processes.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Kind and title found by the parsing step, published to the document by the indexing step.</summary>
    public DocumentKind? DetectedKind { get; set; }

    public string? Title { get; set; }

    /// <summary>What the parsing step could not read ("1 page could not be read (p. 32)"), published with the kind and title.</summary>
    public string? Warning { get; set; }

    public int ChunksDone { get; set; }

    public int ChunksTotal { get; set; }

    /// <summary>Why the job failed, written for a person.</summary>
    public string? Error { get; set; }

    /// <summary>How many times a worker started this job (a crash and resume counts twice).</summary>
    public int Attempts { get; set; }

    /// <summary>The worker holding the job while it runs; null when queued or finished.</summary>
    public string? WorkerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? HeartbeatAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
