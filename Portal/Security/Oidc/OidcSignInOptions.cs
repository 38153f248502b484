using KnowledgePortal.Shared.Identity;

namespace KnowledgePortal.Portal.Security.Oidc;

/// <summary>
/// Bound from <c>KnowledgePortal:Oidc</c>: optional sign-in through the company's OpenID Connect
/// identity provider. Off while <see cref="Authority"/> is empty.
/// </summary>
public sealed class OidcSignInOptions
{
    public const string Section = "KnowledgePortal:Oidc";

    /// <summary>The issuer, e.g. https://login.example.com/realms/company (its discovery document is read from there).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in page as "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "company account";

    /// <summary>The claim that holds the person's group names; each sign-in makes their portal groups exactly these.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim that holds the person's roles at the identity provider, mapped by <see cref="RoleMapping"/>.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Identity-provider role → portal role (Employee, Editor, Admin); the highest match wins at each sign-in.</summary>
    public Dictionary<string, string> RoleMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role of someone who signs in for the first time with no mapped role.</summary>
    public string DefaultRole { get; set; } = PortalRoles.Employee;

    /// <summary>Off only for an identity provider on a developer's machine over plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
