using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Per-person budgets for asking and searching, shared by the pages and the HTTP API so a script
/// cannot get more than the person it acts for. The limits hold over any minute, not only over
/// minutes that start on a refill (<see cref="SlidingWindowLog"/>). A refused request learns when to try again.
/// </summary>
public sealed class UserRateLimiter
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(UsageKind Kind, string User), SlidingWindowLog> logs = new();
    private readonly UsageLimits limits;
    private readonly TimeProvider time;
    private readonly long window;
    private long lastSweep;

    public UserRateLimiter(IOptions<UsageLimits> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        limits = options.Value;
        this.time = time;
        window = (long)(Window.TotalSeconds * time.TimestampFrequency);
        lastSweep = time.GetTimestamp();
    }

    /// <summary>Takes one use; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(UsageKind kind, string user)
    {
        var now = time.GetTimestamp();
        ForgetIdle(now);
        while (true)
        {
            var log = logs.GetOrAdd((kind, user), static (key, l) => new SlidingWindowLog(
                key.Kind == UsageKind.Ask ? l.AsksPerMinute : l.SearchesPerMinute), limits);
            var wait = log.TryAcquire(now, window);
            if (!log.Retired)
            {
                return wait is { } ticks ? TimeSpan.FromSeconds((double)ticks / time.TimestampFrequency) : null;
            }
            // Forgotten between the lookup and the use: count it in the live log instead.
        }
    }

    /// <summary>At most once a window, drops the logs of people who used nothing within it, so memory follows active people.</summary>
    private void ForgetIdle(long now)
    {
        var last = Interlocked.Read(ref lastSweep);
        if (now - last < window || Interlocked.CompareExchange(ref lastSweep, now, last) != last)
        {
            return;
        }
        foreach (var entry in logs)
        {
            if (entry.Value.TryRetire(now, window))
            {
                logs.TryRemove(entry);
            }
        }
    }
}
