using KnowledgePortal.Portal.Security.Oidc;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>Single sign-on settings are checked at start-up, with messages that name the setting to fix.</summary>
public sealed class OidcSignInOptionsValidatorTests
{
    [Theory]
    [InlineData("not a url", "knowledge-portal", "Admin", "Authority must be an absolute URL")]
    [InlineData("http://login.example.com", "knowledge-portal", "Admin", "Authority must use https")]
    [InlineData("https://login.example.com", "", "Admin", "ClientId is required")]
    [InlineData("https://login.example.com", "knowledge-portal", "Boss", "RoleMapping:kp-admins maps to \"Boss\"")]
    public void Half_configured_single_sign_on_is_refused_naming_the_setting(string authority, string clientId, string mappedRole, string expected)
    {
        var options = new OidcSignInOptions { Authority = authority, ClientId = clientId };
        options.RoleMapping["kp-admins"] = mappedRole;

        var result = new OidcSignInOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
        Assert.Contains("KnowledgePortal:Oidc:", result.FailureMessage);
    }

    [Fact]
    public async Task The_portal_does_not_start_with_a_broken_identity_provider_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => PortalHost.StartAsync(new Dictionary<string, string?>
        {
            ["KnowledgePortal:Oidc:Authority"] = "https://login.example.com",
        }));
        Assert.Contains("KnowledgePortal:Oidc:ClientId is required", failure.Message);
        Assert.True(new OidcSignInOptionsValidator().Validate(null, new OidcSignInOptions()).Succeeded); // off by default
    }
}
