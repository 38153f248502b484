namespace KnowledgePortal.Shared.Rendering;

/// <summary>
/// Which link and image addresses rendered documents may carry: http, https, mailto and relative
/// URLs. Anything else (javascript:, data:, vbscript:, file:, unknown schemes) is refused.
/// </summary>
public static class SafeUrls
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true; // an empty href points at the page itself
        }
        // Browsers drop tabs and newlines anywhere in a URL and spaces and control characters around it,
        // so "java\tscript:" is javascript: to them; compare what the browser would see.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (firstDelimiter >= 0 && firstDelimiter < colon)
        {
            return true; // "/a:b", "?q=a:b", "#x:y": the colon is in a path, query or fragment
        }
        // Everything before the colon counts as a scheme, valid or not: refusing "jav%61script:" or
        // "\javascript:" costs nothing, while guessing how a browser reads them could.
        var scheme = compact[..colon];
        return AllowedSchemes.Any(allowed => string.Equals(scheme, allowed, StringComparison.OrdinalIgnoreCase));
    }
}
