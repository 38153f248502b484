namespace KnowledgePortal.Portal.Security;

/// <summary>
/// The named authorization policies, defined once in <see cref="PortalSecurityExtensions"/> and used
/// on pages and endpoints: <c>@attribute [Authorize(Policy = PortalPolicies.Admin)]</c>.
/// Everything else needs a signed-in user (the fallback policy) unless it says [AllowAnonymous].
/// </summary>
public static class PortalPolicies
{
    /// <summary>Manages documents, users, groups and the portal.</summary>
    public const string Admin = "Admin";

    /// <summary>Curates articles and knowledge gaps; administrators may too.</summary>
    public const string Editor = "Editor";
}
