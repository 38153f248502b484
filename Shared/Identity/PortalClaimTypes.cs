namespace KnowledgePortal.Shared.Identity;

/// <summary>The portal's own claims on a signed-in principal, next to the standard NameIdentifier, Name and Role.</summary>
public static class PortalClaimTypes
{
    /// <summary>The name people are shown ("Ada Lovelace"), not the email they sign in with.</summary>
    public const string DisplayName = "display_name";

    /// <summary>Present ("true") while the person signed in with a one-time password and must choose their own.</summary>
    public const string MustChangePassword = "must_change_password";

    /// <summary>The id of the server-side sign-in session (<see cref="SignInSession"/>) the cookie stands for.</summary>
    public const string SessionId = "kp_session";

    /// <summary>When the person last proved who they are (password or single sign-on), as Unix seconds (OpenID's auth_time).</summary>
    public const string AuthenticatedAt = "auth_time";
}
