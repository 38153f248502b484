using System.Text;

namespace KnowledgePortal.Portal.Security;

/// <summary>Where a person goes after signing in or changing their password: a path on this portal, safe to put in a Location header.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The path when it is local, else "/": an absolute or protocol-relative URL would be an open redirect,
    /// and a control character a header injection. Characters a header cannot hold (é, spaces) are
    /// percent-encoded as UTF-8, which is what the browser would have sent.
    /// </summary>
    public static string Local(string? url)
    {
        if (url is not { Length: > 0 } || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal))
        {
            return "/";
        }
        var safe = new StringBuilder(url.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return "/";
            }
            if (rune.Value is > 0x20 and < 0x7F && rune.Value != '\\')
            {
                safe.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return safe.ToString();
    }
}
