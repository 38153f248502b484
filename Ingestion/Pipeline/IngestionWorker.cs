using KnowledgePortal.Ingestion.Articles;
using KnowledgePortal.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>
/// Claims queued jobs and runs them, at most <see cref="IngestionOptions.MaxParallelJobs"/> at a time.
/// One failing document never stops the others: the pipeline turns every failure into a failed job.
/// </summary>
public sealed class IngestionWorker(
    KnowledgeStoreInitializer store,
    JobQueue queue,
    IngestionPipeline pipeline,
    ArticleIndexRepair articleRepair,
    JobSignal signal,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<IngestionWorker> logger)
{
    private readonly IngestionOptions options = options.Value;

    /// <summary>Works until cancelled, polling for new jobs when idle (the portal's and `kp worker`'s mode).</summary>
    public Task RunAsync(CancellationToken cancellationToken) => RunLanesAsync(stopWhenIdle: false, cancellationToken);

    /// <summary>Works until no job is queued (the mode of `kp ingest`).</summary>
    public Task RunUntilIdleAsync(CancellationToken cancellationToken) => RunLanesAsync(stopWhenIdle: true, cancellationToken);

    private async Task RunLanesAsync(bool stopWhenIdle, CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await queue.RecoverOrphansAsync(cancellationToken);
        await RepairArticlesAsync(cancellationToken);
        var lanes = Enumerable.Range(0, options.MaxParallelJobs)
            .Select(lane => Task.Run(() => RunLaneAsync(lane, stopWhenIdle, cancellationToken), cancellationToken));
        await Task.WhenAll(lanes);
    }

    private async Task RepairArticlesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await articleRepair.RepairAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Documents still need ingesting even when the articles cannot be checked now; the next start tries again.
            logger.LogError(e, "Checking the published articles against the index failed");
        }
    }

    private async Task RunLaneAsync(int lane, bool stopWhenIdle, CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var job = await queue.TryClaimAsync(cancellationToken);
                if (job is null)
                {
                    if (stopWhenIdle)
                    {
                        return;
                    }
                    await signal.WaitAsync(poll, time, cancellationToken);
                    await queue.RecoverOrphansAsync(cancellationToken);
                    continue;
                }
                logger.LogDebug("Lane {Lane} runs job {JobId}", lane, job.Id);
                await pipeline.RunAsync(job, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database itself failed (disk full, locked too long): back off and keep the worker alive.
                logger.LogError(e, "Ingestion lane {Lane} hit an error; retrying shortly", lane);
                await Task.Delay(poll, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
