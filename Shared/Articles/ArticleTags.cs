namespace KnowledgePortal.Shared.Articles;

/// <summary>Tags as stored: trimmed, without duplicates (ignoring case), comma-separated in the order written.</summary>
public static class ArticleTags
{
    public static string Normalize(string? tags) => string.Join(", ", Split(tags));

    public static IReadOnlyList<string> Split(string? tags) =>
        [.. (tags ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
