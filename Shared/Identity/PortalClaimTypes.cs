namespace KnowledgePortal.Shared.Identity;

/// <summary>The portal's own claims on a signed-in principal, next to the standard NameIdentifier, Name and Role.</summary>
public static class PortalClaimTypes
{
    /// <summary>The name people are shown ("Ada Lovelace"), not the email they sign in with.</summary>
    public const string DisplayName = "display_name";

    /// <summary>Present ("true") while the person signed in with a one-time password and must choose their own.</summary>
    public const string MustChangePassword = "must_change_password";
}
