using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Per-person budgets for asking and searching, shared by the pages and the HTTP API so a script
/// cannot get more than the person it acts for. A refused request learns when to try again.
/// </summary>
public sealed class UserRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(UsageKind Kind, string User)> limiter;

    public UserRateLimiter(IOptions<UsageLimits> options, TimeProvider time)
    {
        var limits = options.Value;
        limiter = PartitionedRateLimiter.Create<(UsageKind Kind, string User), (UsageKind, string)>(key =>
        {
            var perMinute = key.Kind == UsageKind.Ask ? limits.AsksPerMinute : limits.SearchesPerMinute;
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = perMinute,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    /// <summary>Takes one use; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(UsageKind kind, string user)
    {
        using var lease = limiter.AttemptAcquire((kind, user));
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60);
    }

    public void Dispose() => limiter.Dispose();
}
