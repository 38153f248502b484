using KnowledgePortal.Shared.Embeddings;

namespace KnowledgePortal.Tests.Shared.Embeddings;

public sealed class InferenceGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hands_the_next_turn_to_a_priority_caller_before_earlier_bulk_callers()
    {
        var gate = new InferenceGate();
        var holder = await gate.EnterAsync(priority: false, Ct);
        var bulk1 = gate.EnterAsync(priority: false, Ct);
        var bulk2 = gate.EnterAsync(priority: false, Ct);
        var query = gate.EnterAsync(priority: true, Ct);
        Assert.Equal(3, gate.WaitingCount);

        holder.Dispose();
        var next = await query;

        Assert.False(bulk1.IsCompleted);
        next.Dispose();
        (await bulk1).Dispose();
        (await bulk2).Dispose();
        Assert.Equal(0, gate.WaitingCount);
    }

    [Fact]
    public async Task Serves_callers_of_one_kind_in_arrival_order()
    {
        var gate = new InferenceGate();
        var holder = await gate.EnterAsync(priority: false, Ct);
        var first = gate.EnterAsync(priority: false, Ct);
        var second = gate.EnterAsync(priority: false, Ct);

        holder.Dispose();
        var turn = await first;

        Assert.False(second.IsCompleted);
        turn.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task Drops_a_waiter_whose_request_was_cancelled()
    {
        var gate = new InferenceGate();
        var holder = await gate.EnterAsync(priority: false, Ct);
        using var cancellation = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(priority: true, cancellation.Token);
        var other = gate.EnterAsync(priority: false, Ct);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        holder.Dispose();

        (await other).Dispose();
        Assert.Equal(0, gate.WaitingCount);
    }

    [Fact]
    public async Task Releasing_twice_passes_the_turn_once()
    {
        var gate = new InferenceGate();
        var holder = await gate.EnterAsync(priority: false, Ct);
        var first = gate.EnterAsync(priority: false, Ct);
        var second = gate.EnterAsync(priority: false, Ct);

        holder.Dispose();
        holder.Dispose();
        await first;

        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task Closing_fails_waiters_and_frees_resources_only_after_the_run_in_flight()
    {
        var gate = new InferenceGate();
        var holder = await gate.EnterAsync(priority: false, Ct);
        var waiter = gate.EnterAsync(priority: true, Ct);
        var freed = false;

        gate.Close(() => freed = true);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiter);
        Assert.False(freed);
        holder.Dispose();
        Assert.True(freed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => gate.EnterAsync(priority: false, Ct));
    }

    [Fact]
    public void Closing_an_idle_gate_frees_resources_at_once()
    {
        var gate = new InferenceGate();
        var freed = 0;

        gate.Close(() => freed++);
        gate.Close(() => freed++);

        Assert.Equal(1, freed);
    }
}
