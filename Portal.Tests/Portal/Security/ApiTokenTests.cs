using System.Net;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>Personal API tokens against the real portal: they act as their owner, and only while active.</summary>
public sealed class ApiTokenTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalHost Portal => fixture.Portal;

    private ApiTokenStore Tokens => Portal.Services.GetRequiredService<ApiTokenStore>();

    private const string SearchPath = "/api/search?q=leave";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_opens_the_api_as_its_owner_and_no_page_not_even_for_an_admin()
    {
        var employee = await Portal.CreateUserAsync("token-employee@example.com");
        var admin = await Portal.CreateUserAsync("token-admin@example.com", PortalRoles.Admin);
        using var employeeScript = Portal.Client((await Tokens.CreateAsync(employee.Id, "widget", null, Ct)).Secret);
        using var adminScript = Portal.Client((await Tokens.CreateAsync(admin.Id, "admin script", null, Ct)).Secret);

        using (var search = await employeeScript.GetAsync(SearchPath, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        }
        // A page with only a token is a page without sign-in: the profile (where tokens are made) and the admin pages send to sign-in.
        foreach (var (script, path) in new[] { (employeeScript, "/account/profile"), (adminScript, "/admin/users"), (adminScript, "/") })
        {
            using var page = await script.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/sign-in", page.RedirectTarget());
        }
    }

    [Fact]
    public async Task Unknown_revoked_and_expired_tokens_get_401_with_a_bearer_challenge()
    {
        var user = await Portal.CreateUserAsync("token-states@example.com");
        var revoked = await Tokens.CreateAsync(user.Id, "old", null, Ct);
        Assert.NotNull(await Tokens.RevokeAsync(revoked.Token.Prefix, user.Id, Ct));
        var expired = await Tokens.CreateAsync(user.Id, "short-lived", DateTimeOffset.UtcNow.AddMinutes(-1), Ct);
        var active = await Tokens.CreateAsync(user.Id, "active", null, Ct);

        foreach (var secret in new[] { revoked.Secret, expired.Secret, active.Secret[..^2] + "xx", "kp_", "not-a-kp-token" })
        {
            using var client = Portal.Client(secret);
            using var response = await client.GetAsync(SearchPath, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
        using var ok = Portal.Client(active.Secret);
        using var okResponse = await ok.GetAsync(SearchPath, Ct);
        Assert.Equal(HttpStatusCode.OK, okResponse.StatusCode);
    }

    [Fact]
    public async Task A_bad_token_is_not_rescued_by_the_sign_in_cookie()
    {
        await Portal.CreateUserAsync("token-cookie@example.com");
        using var client = await Portal.SignedInClientAsync("token-cookie@example.com", PortalHost.UserPassword);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "kp_revoked-or-made-up");

        using var response = await client.GetAsync(SearchPath, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored_and_its_last_use_is_recorded()
    {
        var user = await Portal.CreateUserAsync("token-hash@example.com");
        var created = await Tokens.CreateAsync(user.Id, "hashing", null, Ct);
        using var client = Portal.Client(created.Secret);
        using (var response = await client.GetAsync(SearchPath, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var context = await Portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct);
        var row = await context.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == created.Token.Id, Ct);
        Assert.Equal(ApiTokenStore.HashOf(created.Secret), row.TokenHash);
        Assert.DoesNotContain(created.Secret[3..13], row.TokenHash + row.Prefix + row.Name);
        Assert.Equal(created.Secret[..10], row.Prefix);
        Assert.NotNull(row.LastUsedAt);
        Assert.StartsWith("kp_", created.Secret);
        Assert.True(created.Secret.Length >= 40);
    }

    [Fact]
    public async Task Nobody_revokes_or_lists_another_persons_tokens_through_the_owner_checks()
    {
        var owner = await Portal.CreateUserAsync("token-owner@example.com");
        var other = await Portal.CreateUserAsync("token-other@example.com");
        var token = await Tokens.CreateAsync(owner.Id, "mine", null, Ct);

        Assert.Null(await Tokens.RevokeAsync(token.Token.Id.ToString(), other.Id, Ct));
        Assert.Empty(await Tokens.ListAsync(other.Id, Ct));
        using var client = Portal.Client(token.Secret);
        using var response = await client.GetAsync(SearchPath, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
