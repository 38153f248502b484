namespace KnowledgePortal.Bench;

/// <summary>
/// RESULTS.md is written by two runs (the corpus benchmark and <c>--portal</c>); each replaces only its own
/// sections so that one run does not erase the other's figures.
/// </summary>
internal static class ResultsFile
{
    public const string PortalHeading = "## Portal";

    /// <summary>The section from <paramref name="heading"/> to the next second-level heading, or null.</summary>
    public static string? Section(string text, string heading)
    {
        var (start, end) = Bounds(text, heading);
        return start < 0 ? null : text[start..end].Trim();
    }

    /// <summary>The text without that section.</summary>
    public static string Without(string text, string heading)
    {
        var (start, end) = Bounds(text, heading);
        return start < 0 ? text : text[..start] + text[end..];
    }

    private static (int Start, int End) Bounds(string text, string heading)
    {
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return (-1, -1);
        }
        start++;
        var end = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return (start, end < 0 ? text.Length : end + 1);
    }
}
