using System.Security.Claims;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Portal.Security.Oidc;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>
/// Single sign-on as far as it can be tested without an identity provider: the settings are checked
/// at start, the sign-in page offers it, and a provider's principal becomes a portal user whose
/// groups and role follow the provider's claims.
/// </summary>
public sealed class OidcSignInTests(OidcPortalFixture fixture) : IClassFixture<OidcPortalFixture>
{
    private PortalHost Portal => fixture.Portal;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sign_in_page_offers_the_configured_provider_behind_an_antiforgery_form()
    {
        using var client = Portal.Client();
        var page = await client.GetStringAsync("/account/sign-in?returnUrl=%2Fadmin%2Fusers", Ct);

        Assert.Contains("Sign in with Contoso", page);
        Assert.Matches("action=\"account/sign-in/external\"[^>]*>\\s*<input type=\"hidden\" name=\"__RequestVerificationToken\"", page);
        Assert.Contains("name=\"returnUrl\" value=\"/admin/users\"", page);
        using var forged = await client.PostAsync("/account/sign-in/external", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_first_sign_in_creates_the_user_with_the_providers_groups_and_later_sign_ins_resync_them()
    {
        var first = await SynchronizeAsync(Principal("sub-1", "grace@example.com", "Grace Hopper", groups: ["HR", "Finance", "CN=Legacy,OU=Groups"]));

        Assert.Equal("Grace Hopper", first.DisplayName);
        var summary = await FindAsync(first.Id);
        Assert.Equal(PortalRoles.Employee, summary.Role);                  // no mapped role: the default
        Assert.Equal(["Finance", "HR"], summary.Groups);                    // missing groups created, the DN skipped
        Assert.False(summary.HasPassword);                                  // signs in only through the provider

        var again = await SynchronizeAsync(Principal("sub-1", "grace@example.com", "Grace B. Hopper", groups: ["[\"Engineering\"]"], roles: ["kp-editors", "kp-admins"]));

        Assert.Equal(first.Id, again.Id);
        summary = await FindAsync(first.Id);
        Assert.Equal(["Engineering"], summary.Groups);                      // exactly the provider's groups now
        Assert.Equal(PortalRoles.Admin, summary.Role);                      // the highest mapped role
        Assert.Equal("Grace B. Hopper", summary.DisplayName);
        var caller = await Portal.Services.GetRequiredService<CallerResolver>().ResolveAsync(await PrincipalOfAsync(first.Id), Ct);
        Assert.Contains(Principals.Group("Engineering"), caller.Filter.Principals);
        Assert.DoesNotContain(Principals.Group("HR"), caller.Filter.Principals);
    }

    [Fact]
    public async Task An_existing_local_account_is_linked_by_a_verified_email_but_not_by_an_unverified_one()
    {
        var local = await Portal.CreateUserAsync("linus@example.com", PortalRoles.Editor, "Engineering");
        await Assert.ThrowsAsync<AccountAdministrationException>(() =>
            SynchronizeAsync(Principal("sub-unverified", "linus@example.com", "Linus", groups: [], emailVerified: "false")));

        var linked = await SynchronizeAsync(Principal("sub-2", "linus@example.com", "Linus", groups: ["Engineering", "Ops"]));

        Assert.Equal(local.Id, linked.Id);
        Assert.Equal(PortalRoles.Editor, (await FindAsync(local.Id)).Role); // no mapped role: kept
        Assert.Equal(["Engineering", "Ops"], (await FindAsync(local.Id)).Groups);
        await using var scope = Portal.Services.CreateAsyncScope();
        var logins = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().GetLoginsAsync(linked);
        Assert.Equal("sub-2", Assert.Single(logins).ProviderKey);
    }

    [Fact]
    public async Task A_provider_that_sends_no_email_is_refused()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "sub-3")], "oidc"));
        await Assert.ThrowsAsync<AccountAdministrationException>(() => SynchronizeAsync(principal));
    }

    private async Task<PortalUser> SynchronizeAsync(ClaimsPrincipal principal)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExternalAccountSynchronizer>().SynchronizeAsync(principal, PortalAuthenticationSchemes.Oidc, Ct);
    }

    private async Task<UserSummary> FindAsync(string id)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserAdministration>().FindAsync(id, Ct))!;
    }

    private async Task<ClaimsPrincipal> PrincipalOfAsync(string id)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync((await users.FindByIdAsync(id))!);
    }

    private static ClaimsPrincipal Principal(string subject, string email, string name, string[] groups, string[]? roles = null, string emailVerified = "true")
    {
        var claims = new List<Claim> { new("sub", subject), new("email", email), new("name", name), new("email_verified", emailVerified) };
        claims.AddRange(groups.Select(g => new Claim("groups", g)));
        claims.AddRange((roles ?? []).Select(r => new Claim("roles", r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc"));
    }
}
