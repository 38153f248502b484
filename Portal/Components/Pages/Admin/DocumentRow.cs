using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;

namespace KnowledgePortal.Portal.Components.Pages.Admin;

/// <summary>A document as the admin table shows it, with the progress of its queued or running job.</summary>
/// <param name="Groups">The groups that may read it; empty when everyone may.</param>
/// <param name="ActiveJob">The job processing the latest version, if one is queued or running.</param>
public sealed record DocumentRow(
    Guid Id,
    string Name,
    string? Title,
    DocumentKind? Kind,
    DocumentStatus Status,
    int Pages,
    int Chunks,
    long SizeBytes,
    IReadOnlyList<string> Groups,
    DateTimeOffset? IndexedAt,
    string? Error,
    string? Warning,
    IngestionJob? ActiveJob)
{
    public string Audience => Groups.Count == 0 ? Principals.Everyone : string.Join(", ", Groups);

    public string Size => FileSizes.Describe(SizeBytes);

    /// <summary>The line under the name: the title the document gives itself, and its kind.</summary>
    public string Caption => string.Join(" · ", new[] { string.IsNullOrWhiteSpace(Title) ? null : Title, Kind is { } kind ? DocumentKinds.Label(kind) : null }.OfType<string>());

    /// <summary>0-100 once the chunks are counted; null while that is not known yet (queued, parsing).</summary>
    public double? Progress => ActiveJob is { ChunksTotal: > 0 } job ? 100.0 * job.ChunksDone / job.ChunksTotal : null;

    public string ProgressText => ActiveJob switch
    {
        null => string.Empty,
        { Status: JobStatus.Queued } => "Waiting for the worker",
        { ChunksTotal: > 0 } job => $"{job.Step}: {job.ChunksDone} of {job.ChunksTotal} chunks",
        var job => $"{job.Step}…",
    };
}
