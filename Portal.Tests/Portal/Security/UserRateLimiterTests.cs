using KnowledgePortal.Portal.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>The per-person limits hold over any minute, counted on the limiter's own clock.</summary>
public sealed class UserRateLimiterTests
{
    private const int PerMinute = 4;

    private readonly FakeTimeProvider clock = new();
    private readonly UserRateLimiter limiter;

    public UserRateLimiterTests() =>
        limiter = new UserRateLimiter(Options.Create(new UsageLimits { SearchesPerMinute = PerMinute, AsksPerMinute = 1 }), clock);

    [Fact]
    public void A_burst_straddling_the_edge_of_a_minute_gets_no_more_than_the_limit_in_any_minute()
    {
        var acceptedAt = new List<double>();
        var acceptedPerBurst = new List<int>();
        TimeSpan? waitBeforeTheEdge = null;
        foreach (var (at, tries) in new[] { (0, 2), (30, 4), (59.9, 4), (60.1, 4), (90.1, 4) })
        {
            clock.SetUtcNow(clock.Start.AddSeconds(at));
            var accepted = 0;
            for (var i = 0; i < tries; i++)
            {
                var wait = limiter.TryAcquire(UsageKind.Search, "ann");
                if (wait is null)
                {
                    accepted++;
                    acceptedAt.Add(at);
                }
                else if (at == 59.9)
                {
                    waitBeforeTheEdge = wait;
                }
            }
            acceptedPerBurst.Add(accepted);
        }

        // A token bucket refilled each minute accepts a full PerMinute again at 60.1 s: 6 in the minute from 30 s on.
        // Here only the two uses of 0 s have left the window at 60.1 s, and the two of 30 s at 90.1 s.
        Assert.Equal([2, 2, 0, 2, 2], acceptedPerBurst);
        Assert.All(acceptedAt, start => Assert.InRange(acceptedAt.Count(t => t >= start && t < start + 60), 1, PerMinute));
        // A refused use learns exactly when the oldest use leaves the window.
        Assert.InRange(waitBeforeTheEdge!.Value, TimeSpan.FromMilliseconds(99), TimeSpan.FromMilliseconds(101));
    }

    [Fact]
    public void Each_person_and_each_kind_has_its_own_budget()
    {
        Assert.Null(limiter.TryAcquire(UsageKind.Ask, "ann"));
        Assert.NotNull(limiter.TryAcquire(UsageKind.Ask, "ann"));

        Assert.Null(limiter.TryAcquire(UsageKind.Ask, "bob"));
        Assert.Null(limiter.TryAcquire(UsageKind.Search, "ann"));

        // Idle people are forgotten after a window; coming back, they start with a full budget.
        clock.Advance(UserRateLimiter.Window);
        Assert.Null(limiter.TryAcquire(UsageKind.Ask, "ann"));
        Assert.NotNull(limiter.TryAcquire(UsageKind.Ask, "ann"));
    }
}
