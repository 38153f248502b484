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
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<IDisposable>> _priorityWaiters = new();
    private readonly LinkedList<TaskCompletionSource<IDisposable>> _bulkWaiters = new();
    private bool _held;
    private bool _closed;
    private Action? _whenIdleAfterClose;

    /// <summary>Number of callers waiting for their turn (for tests and diagnostics).</summary>
    public int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _priorityWaiters.Count + _bulkWaiters.Count;
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
        lock (_lock)
        {
            if (_closed)
            {
                return Task.FromException<IDisposable>(new ObjectDisposedException(nameof(InferenceGate)));
            }
            if (!_held)
            {
                _held = true;
                return Task.FromResult<IDisposable>(new Turn(this));
            }
            waiter = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (priority ? _priorityWaiters : _bulkWaiters).AddLast(waiter);
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
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            abandoned = [.. _priorityWaiters, .. _bulkWaiters];
            _priorityWaiters.Clear();
            _bulkWaiters.Clear();
            if (_held)
            {
                _whenIdleAfterClose = whenIdle;
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
        lock (_lock)
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
        lock (_lock)
        {
            var queue = _priorityWaiters.Count > 0 ? _priorityWaiters : _bulkWaiters;
            if (queue.First is { } first)
            {
                queue.RemoveFirst();
                next = first.Value;
            }
            else
            {
                _held = false;
                whenIdle = _whenIdleAfterClose;
                _whenIdleAfterClose = null;
            }
        }
        next?.TrySetResult(new Turn(this));
        whenIdle?.Invoke();
    }

    private sealed class Turn(InferenceGate gate) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
