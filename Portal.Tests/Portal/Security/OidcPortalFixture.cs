using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>A portal with single sign-on configured (the provider itself is never contacted by these tests).</summary>
public sealed class OidcPortalFixture : PortalFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["KnowledgePortal:Oidc:Authority"] = "https://login.example.com/realms/company",
        ["KnowledgePortal:Oidc:ClientId"] = "knowledge-portal",
        ["KnowledgePortal:Oidc:ClientSecret"] = "client-secret-value",
        ["KnowledgePortal:Oidc:DisplayName"] = "Contoso",
        ["KnowledgePortal:Oidc:GroupsClaim"] = "groups",
        ["KnowledgePortal:Oidc:RoleClaim"] = "roles",
        ["KnowledgePortal:Oidc:RoleMapping:kp-admins"] = "Admin",
        ["KnowledgePortal:Oidc:RoleMapping:kp-editors"] = "Editor",
    };
}
