using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>
/// The durable job queue in the database. Several workers (the portal's, `kp`, `kp worker` processes)
/// can share it: a job is claimed by a conditional update that only one of them wins.
/// </summary>
public sealed class JobQueue(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    WorkerIdentity worker,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<JobQueue> logger)
{
    private readonly IngestionOptions options = options.Value;

    /// <summary>Takes the oldest queued job for this worker, or null when none is waiting.</summary>
    public async Task<IngestionJob?> TryClaimAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Retry a few times: another worker may win the race for the same job.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var candidate = await context.Jobs.AsNoTracking()
                .Where(j => j.Status == JobStatus.Queued)
                .OrderBy(j => j.Id)
                .Select(j => (long?)j.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (candidate is not { } id)
            {
                return null;
            }
            var now = time.GetUtcNow();
            var claimed = await context.Jobs
                .Where(j => j.Id == id && j.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.WorkerId, worker.Id)
                    .SetProperty(j => j.HeartbeatAt, now)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken);
            if (claimed == 1)
            {
                await context.Documents
                    .Where(d => context.Jobs.Any(j => j.Id == id && j.DocumentId == d.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Processing), cancellationToken);
                return await context.Jobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken);
            }
        }
        return null;
    }

    /// <summary>Records that the job is alive, with its step and progress.</summary>
    public async Task ReportAsync(long jobId, JobStep step, int chunksDone, int chunksTotal, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await context.Jobs
            .Where(j => j.Id == jobId && j.WorkerId == worker.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Step, step)
                .SetProperty(j => j.ChunksDone, chunksDone)
                .SetProperty(j => j.ChunksTotal, chunksTotal)
                .SetProperty(j => j.HeartbeatAt, now), cancellationToken);
    }

    public async Task HeartbeatAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await context.Jobs
            .Where(j => j.Id == jobId && j.WorkerId == worker.Id && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), cancellationToken);
    }

    /// <summary>Keeps the job's heartbeat fresh until disposed, even while a single step runs for minutes.</summary>
    public IAsyncDisposable StartHeartbeat(long jobId, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.HeartbeatSeconds), time);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    await HeartbeatAsync(jobId, stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // the job ended
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Heartbeat of job {JobId} failed", jobId);
            }
        }, CancellationToken.None);
        return new Heartbeat(stop, loop);
    }

    /// <summary>Marks the job failed with a message for people, and its document failed.</summary>
    public async Task FailAsync(long jobId, string message, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await FailAsync(context, jobId, message, cancellationToken);
    }

    /// <summary>Puts a job this worker holds back in the queue (shutdown while it ran); it resumes at its step.</summary>
    public async Task ReleaseAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Jobs
            .Where(j => j.Id == jobId && j.WorkerId == worker.Id && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Queued)
                .SetProperty(j => j.WorkerId, (string?)null)
                .SetProperty(j => j.Attempts, j => j.Attempts - 1), cancellationToken);
    }

    /// <summary>
    /// Re-queues running jobs whose worker died (its heartbeat went stale, or it was a process on this
    /// machine that no longer runs); a job that has already killed its worker too often is failed instead.
    /// </summary>
    public async Task<int> RecoverOrphansAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staleBefore = time.GetUtcNow() - TimeSpan.FromSeconds(options.StaleAfterSeconds);
        var running = await context.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Running && j.WorkerId != worker.Id)
            .Select(j => new { j.Id, j.WorkerId, j.HeartbeatAt, j.Attempts })
            .ToListAsync(cancellationToken);
        var recovered = 0;
        foreach (var job in running)
        {
            var orphaned = job.HeartbeatAt is null || job.HeartbeatAt < staleBefore || WorkerIdentity.IsDeadLocalWorker(job.WorkerId);
            if (!orphaned)
            {
                continue;
            }
            if (job.Attempts >= options.MaxAttempts)
            {
                await FailAsync(context, job.Id,
                    $"Ingestion stopped unexpectedly {job.Attempts} times while processing this document, so it was given up. " +
                    "The file may be too complex to process; try a smaller or simpler version.", cancellationToken);
                continue;
            }
            var requeued = await context.Jobs
                .Where(j => j.Id == job.Id && j.Status == JobStatus.Running && j.WorkerId == job.WorkerId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Queued)
                    .SetProperty(j => j.WorkerId, (string?)null), cancellationToken);
            if (requeued == 1)
            {
                logger.LogWarning("Job {JobId} was left running by {Worker}; queued it again to resume", job.Id, job.WorkerId);
                recovered++;
            }
        }
        return recovered;
    }

    private async Task FailAsync(KnowledgeDbContext context, long jobId, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var documentId = await context.Jobs.Where(j => j.Id == jobId).Select(j => (Guid?)j.DocumentId).FirstOrDefaultAsync(cancellationToken);
        await context.Jobs
            .Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Failed)
                .SetProperty(j => j.Error, message)
                .SetProperty(j => j.WorkerId, (string?)null)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
        await context.StagedChunks.Where(c => c.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        await context.StagedPages.Where(p => p.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        if (documentId is { } id)
        {
            await context.Documents
                .Where(d => d.Id == id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, DocumentStatus.Failed)
                    .SetProperty(d => d.Error, message)
                    .SetProperty(d => d.UpdatedAt, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class Heartbeat(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }
}
