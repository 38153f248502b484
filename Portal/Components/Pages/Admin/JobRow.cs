using KnowledgePortal.Shared.Jobs;

namespace KnowledgePortal.Portal.Components.Pages.Admin;

/// <summary>A recent ingestion job in the activity panel.</summary>
public sealed record JobRow(
    long Id,
    string Document,
    JobKind Kind,
    JobStatus Status,
    JobStep Step,
    int ChunksDone,
    int ChunksTotal,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    /// <summary>How long it ran ("—" before it started); a running job counts up to <paramref name="now"/>.</summary>
    public string Duration(DateTimeOffset now) => StartedAt is { } started
        ? Describe((FinishedAt ?? now) - started)
        : "—";

    private static string Describe(TimeSpan elapsed) => elapsed.TotalSeconds switch
    {
        < 1 => $"{elapsed.TotalMilliseconds:0} ms",
        < 60 => $"{elapsed.TotalSeconds:0.0} s",
        _ => $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s",
    };
}
