namespace KnowledgePortal.Portal.Features.Search;

public static class IndexedWithinExtensions
{
    /// <summary>Whether a document indexed at <paramref name="indexedAt"/> falls in the range, seen at <paramref name="now"/>.</summary>
    public static bool Includes(this IndexedWithin range, DateTimeOffset indexedAt, DateTimeOffset now) => range switch
    {
        IndexedWithin.Week => indexedAt >= now.AddDays(-7),
        IndexedWithin.Month => indexedAt >= now.AddDays(-30),
        IndexedWithin.Year => indexedAt >= now.AddDays(-365),
        IndexedWithin.Older => indexedAt < now.AddDays(-365),
        _ => true,
    };

    public static string Label(this IndexedWithin range) => range switch
    {
        IndexedWithin.Week => "Last 7 days",
        IndexedWithin.Month => "Last 30 days",
        IndexedWithin.Year => "Last 365 days",
        IndexedWithin.Older => "Older",
        _ => "Any time",
    };

    /// <summary>The value in the address: "7d", "30d", "365d", "older".</summary>
    public static string? ToQueryValue(this IndexedWithin range) => range switch
    {
        IndexedWithin.Week => "7d",
        IndexedWithin.Month => "30d",
        IndexedWithin.Year => "365d",
        IndexedWithin.Older => "older",
        _ => null,
    };

    public static IndexedWithin ParseQueryValue(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "7d" => IndexedWithin.Week,
        "30d" => IndexedWithin.Month,
        "365d" => IndexedWithin.Year,
        "older" => IndexedWithin.Older,
        _ => IndexedWithin.Any,
    };
}
