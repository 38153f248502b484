using System.Globalization;
using System.Security.Claims;
using KnowledgePortal.Shared.Identity;

namespace KnowledgePortal.Portal.Security;

/// <summary>When the person behind a session last proved who they are, recorded at sign-in and kept across renewals.</summary>
public static class RecentSignIn
{
    public static Claim ClaimFor(DateTimeOffset now) =>
        new(PortalClaimTypes.AuthenticatedAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(PortalClaimTypes.AuthenticatedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static bool IsRecent(ClaimsPrincipal principal, DateTimeOffset now, TimeSpan window) =>
        AuthenticatedAt(principal) is { } at && now - at < window && at <= now.AddMinutes(1);
}
