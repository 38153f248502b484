namespace KnowledgePortal.Portal.Security;

/// <summary>
/// The times of the last <c>limit</c> accepted uses of one budget, kept in a ring. A use is accepted
/// while fewer than <c>limit</c> fall in the window before it, so no window of that length, wherever
/// it starts, ever holds more: unlike a token bucket or fixed windows, a burst at the end of one
/// minute and another at the start of the next cannot add up to twice the limit.
/// </summary>
internal sealed class SlidingWindowLog(int limit)
{
    private readonly long[] accepted = new long[limit];
    private readonly Lock gate = new();
    private int count;
    private int oldest;

    /// <summary>Set once the log was dropped for being idle: a caller holding it must look up the live one.</summary>
    public bool Retired { get; private set; }

    /// <summary>Takes one use at <paramref name="now"/>; null when accepted, else how long until the oldest use leaves the window.</summary>
    /// <param name="now">A <see cref="TimeProvider.GetTimestamp"/> reading.</param>
    /// <param name="window">The window's length in timestamp ticks.</param>
    public long? TryAcquire(long now, long window)
    {
        lock (gate)
        {
            if (count < accepted.Length)
            {
                accepted[(oldest + count) % accepted.Length] = now;
                count++;
                return null;
            }
            var leavesAt = accepted[oldest] + window;
            if (now < leavesAt)
            {
                return leavesAt - now;
            }
            // Full: the oldest use has left the window, the new one takes its slot.
            accepted[oldest] = now;
            oldest = (oldest + 1) % accepted.Length;
            return null;
        }
    }

    /// <summary>Retires the log when none of its uses is within the window any more, so forgetting it loses nothing.</summary>
    public bool TryRetire(long now, long window)
    {
        lock (gate)
        {
            var newest = count == 0 ? long.MinValue : accepted[(oldest + count - 1) % accepted.Length];
            Retired = count == 0 || now - newest >= window;
            return Retired;
        }
    }
}
