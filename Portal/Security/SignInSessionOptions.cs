using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Portal.Security;

/// <summary>Bound from <c>KnowledgePortal:Sessions</c>: how long a browser session lasts and what needs a fresh sign-in.</summary>
public sealed class SignInSessionOptions
{
    public const string Section = "KnowledgePortal:Sessions";

    /// <summary>A session ends after this long without use (sliding).</summary>
    [Range(1, 24 * 30)]
    public int IdleHours { get; set; } = 12;

    /// <summary>
    /// Creating an API token needs a sign-in (password or single sign-on) at most this many minutes old:
    /// a browser left open, or a stolen cookie, cannot mint a credential that outlives the session.
    /// </summary>
    [Range(0, 24 * 60)]
    public int RecentSignInMinutes { get; set; } = 15;
}
