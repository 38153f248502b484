namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// Lets one inference run at a time and, when the holder leaves, hands the turn to a waiting
/// priority caller before any bulk caller.
/// </summary>
/// <remarks>
/// Two ONNX runs side by side on a two-core machine only fight over the same cores (each is slower,
/// neither finishes sooner), so runs are serialised. Bulk work (ingestion) enters once per batch, so a
/// short request (a search query) waits for at most the batch in flight, not for the whole document,
/// however many bulk callers are queued. Waiters are resumed asynchronously, never on the releasing thread.
/// </remarks>
internal sealed class InferenceGate
{
    private readonly Lock sync = new();
    private readonly LinkedList<TaskCompletionSource<IDisposable>> priorityWaiters = new();
    private readonly LinkedList<TaskCompletionSource<IDisposable>> bulkWaiters = new();
    private bool held;
    private bool closed;
    private Action? whenIdleAfterClose;

    /// <summary>Number of callers waiting for their turn (for tests and diagnostics).</summary>
    public int WaitingCount
    {
        get
        {
            lock (sync)
            {
                return priorityWaiters.Count + bulkWaiters.Count;
            }
        }
    }

    /// <summary>Waits for the turn; dispose the returned value to pass it on.</summary>
    public Task<IDisposable> EnterAsync(bool priority, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IDisposable>(cancellationToken);
        }

        TaskCompletionSource<IDisposable> waiter;
        LinkedListNode<TaskCompletionSource<IDisposable>> node;
        lock (sync)
        {
            if (closed)
            {
                return Task.FromException<IDisposable>(new ObjectDisposedException(nameof(InferenceGate)));
            }
            if (!held)
            {
                held = true;
                return Task.FromResult<IDisposable>(new Turn(this));
            }
            waiter = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (priority ? priorityWaiters : bulkWaiters).AddLast(waiter);
        }
        return cancellationToken.CanBeCanceled ? WaitAsync(node, cancellationToken) : waiter.Task;
    }

    /// <summary>
    /// Refuses new callers, fails the waiting ones, and runs <paramref name="whenIdle"/> once no run is
    /// in flight (now, or when the current holder leaves), so native resources are never freed under a run.
    /// </summary>
    public void Close(Action whenIdle)
    {
        List<TaskCompletionSource<IDisposable>> abandoned;
        var runNow = false;
        lock (sync)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            abandoned = [.. priorityWaiters, .. bulkWaiters];
            priorityWaiters.Clear();
            bulkWaiters.Clear();
            if (held)
            {
                whenIdleAfterClose = whenIdle;
            }
            else
            {
                runNow = true;
            }
        }
        foreach (var waiter in abandoned)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(InferenceGate)));
        }
        if (runNow)
        {
            whenIdle();
        }
    }

    private async Task<IDisposable> WaitAsync(
        LinkedListNode<TaskCompletionSource<IDisposable>> node, CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(() => Abandon(node, cancellationToken)).ConfigureAwait(false))
        {
            return await node.Value.Task.ConfigureAwait(false);
        }
    }

    private void Abandon(LinkedListNode<TaskCompletionSource<IDisposable>> node, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            // Once handed the turn the waiter owns it; the caller observes cancellation after the run.
            if (node.List is null)
            {
                return;
            }
            node.List.Remove(node);
        }
        node.Value.TrySetCanceled(cancellationToken);
    }

    private void Leave()
    {
        TaskCompletionSource<IDisposable>? next = null;
        Action? whenIdle = null;
        lock (sync)
        {
            var queue = priorityWaiters.Count > 0 ? priorityWaiters : bulkWaiters;
            if (queue.First is { } first)
            {
                queue.RemoveFirst();
                next = first.Value;
            }
            else
            {
                held = false;
                whenIdle = whenIdleAfterClose;
                whenIdleAfterClose = null;
            }
        }
        next?.TrySetResult(new Turn(this));
        whenIdle?.Invoke();
    }

    private sealed class Turn(InferenceGate gate) : IDisposable
    {
        private int left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
