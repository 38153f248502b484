using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Portal.Security;

/// <summary>Bound from <c>KnowledgePortal:RateLimits</c>: how often one person may ask and search.</summary>
public sealed class UsageLimits
{
    public const string Section = "KnowledgePortal:RateLimits";

    [Range(1, 100_000)]
    public int AsksPerMinute { get; set; } = 20;

    [Range(1, 100_000)]
    public int SearchesPerMinute { get; set; } = 120;
}
