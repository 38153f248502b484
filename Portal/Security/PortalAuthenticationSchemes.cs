using Microsoft.AspNetCore.Identity;

namespace KnowledgePortal.Portal.Security;

/// <summary>The authentication schemes: one default that picks the API token or the sign-in cookie per request.</summary>
public static class PortalAuthenticationSchemes
{
    /// <summary>The default: forwards to <see cref="ApiToken"/> when a Bearer header is present, else to the cookie.</summary>
    public const string Default = "Portal";

    /// <summary>Personal API tokens: <c>Authorization: Bearer kp_...</c>.</summary>
    public const string ApiToken = "ApiToken";

    /// <summary>The company identity provider (OpenID Connect), when configured.</summary>
    public const string Oidc = "oidc";

    public static string Cookie => IdentityConstants.ApplicationScheme;
}
