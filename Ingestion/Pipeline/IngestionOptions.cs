using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>Bound from <c>KnowledgePortal:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "KnowledgePortal:Ingestion";

    /// <summary>Files larger than this are refused before they are read.</summary>
    [Range(1, 100_000)]
    public int MaxFileSizeMb { get; set; } = 100;

    /// <summary>Documents processed at the same time by one worker.</summary>
    [Range(1, 64)]
    public int MaxParallelJobs { get; set; } = 2;

    /// <summary>Chunks embedded and saved together; a crash loses at most one batch of work.</summary>
    [Range(1, 4096)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>How often a running job proves it is alive.</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>A running job whose heartbeat is older than this is taken to be orphaned and is queued again.</summary>
    [Range(5, 86_400)]
    public int StaleAfterSeconds { get; set; } = 120;

    /// <summary>How often an idle worker looks for queued jobs.</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>A job that failed by crashing its worker this many times is failed for good.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    public long MaxFileSizeBytes => MaxFileSizeMb * 1024L * 1024L;
}
