namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>
/// Wakes this process's idle worker lanes when a job is queued here (an upload, a published article),
/// so it starts at once instead of at the next poll. Jobs queued by another process are still found by
/// polling; a wake-up missed between a lane's look at the queue and its wait costs one poll at most.
/// </summary>
public sealed class JobSignal
{
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref wake).Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The poll interval passed: look at the queue again.
        }
    }
}
