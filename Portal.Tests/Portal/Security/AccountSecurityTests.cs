using System.Net;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>Sign-in, lockout, forced password change, sign-out and security headers over plain HTTP against the real portal.</summary>
public sealed class AccountSecurityTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalHost Portal => fixture.Portal;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_with_a_clear_message_until_an_admin_unlocks_it()
    {
        var user = await Portal.CreateUserAsync("lockout@example.com");
        using var client = Portal.Client();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await client.SignInAsync(user.Email!, "Not-the-password-1");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Wrong email or password.", await wrong.Content.ReadAsStringAsync(Ct));
        }
        using (var fifth = await client.SignInAsync(user.Email!, "Not-the-password-1"))
        {
            Assert.Contains("locked for 15 minutes", await fifth.Content.ReadAsStringAsync(Ct));
        }
        using (var right = await client.SignInAsync(user.Email!, PortalHost.UserPassword))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode); // even the right password is refused now
            Assert.Contains("locked for 15 minutes", await right.Content.ReadAsStringAsync(Ct));
        }

        await WithAdministrationAsync(a => a.SetLockedAsync(user.Id, false, Ct));

        using var unlocked = await client.SignInAsync(user.Email!, PortalHost.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal("/", unlocked.RedirectTarget());
    }

    [Fact]
    public async Task An_admin_lock_refuses_sign_in_and_the_users_api_tokens_until_unlocked()
    {
        var user = await Portal.CreateUserAsync("locked-by-admin@example.com");
        var token = await Portal.Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "script", null, Ct);
        using var script = Portal.Client(token.Secret);
        using (var before = await script.GetAsync("/account/profile", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await WithAdministrationAsync(a => a.SetLockedAsync(user.Id, true, Ct));

        using var other = Portal.Client();
        using (var refused = await other.SignInAsync(user.Email!, PortalHost.UserPassword))
        {
            Assert.Contains("This account is locked", await refused.Content.ReadAsStringAsync(Ct));
        }
        using (var tokenRefused = await script.GetAsync("/account/profile", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, tokenRefused.StatusCode);
        }

        await WithAdministrationAsync(a => a.SetLockedAsync(user.Id, false, Ct));
        using var again = await script.GetAsync("/account/profile", Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task After_an_admin_reset_the_user_reaches_only_the_change_password_page_until_they_choose_a_password()
    {
        var user = await Portal.CreateUserAsync("reset@example.com");
        var temporary = await WithAdministrationAsync(a => a.ResetPasswordAsync(user.Id, null, Ct));
        using var client = Portal.Client();

        using (var old = await client.SignInAsync(user.Email!, PortalHost.UserPassword))
        {
            Assert.Contains("Wrong email or password.", await old.Content.ReadAsStringAsync(Ct));
        }
        using (var signIn = await client.SignInAsync(user.Email!, temporary, returnUrl: "/account/profile"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.StartsWith("/account/change-password?returnUrl=", signIn.RedirectTarget());
        }
        foreach (var path in new[] { "/", "/account/profile", "/admin/users", "/c/" + Guid.NewGuid() })
        {
            using var blocked = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.StartsWith("/account/change-password?returnUrl=" + Uri.EscapeDataString(path), blocked.RedirectTarget());
        }
        using (var page = await client.GetAsync("/account/change-password", Ct))
        {
            Assert.Contains("You signed in with a one-time password", await page.Content.ReadAsStringAsync(Ct));
        }

        using var changed = await client.PostFormAsync("/account/change-password?returnUrl=%2Faccount%2Fprofile", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = temporary,
            ["Input.New"] = "My-own-password-2",
            ["Input.Confirm"] = "My-own-password-2",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account/profile", changed.RedirectTarget());
        using var profile = await client.GetAsync("/account/profile", Ct);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.False((await WithAdministrationAsync(a => a.FindAsync(user.Id, Ct)))!.MustChangePassword);
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_and_then_pages_redirect_to_sign_in_again()
    {
        await Portal.CreateUserAsync("signout@example.com");
        using var client = await Portal.SignedInClientAsync("signout@example.com", PortalHost.UserPassword);

        using (var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // what another site's form would get
        }
        using (var stillIn = await client.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        using var form = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenOfAsync(client, "/account/change-password"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/account/sign-in", form.RedirectTarget());
        using var after = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.RedirectTarget());
    }

    [Fact]
    public async Task Pages_carry_the_content_security_policy_and_the_other_security_headers()
    {
        using var client = Portal.Client();
        using var response = await client.GetAsync("/account/sign-in", Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        // The import map is the one inline script, and it carries this response's nonce.
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct))); // a browser decodes "&#x2B;" too
    }

    [Fact]
    public async Task Passwords_are_stored_only_as_hashes()
    {
        var user = await Portal.CreateUserAsync("hashed@example.com");
        await using var context = await Portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct);
        var stored = await context.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct);
        Assert.DoesNotContain(PortalHost.UserPassword, stored.PasswordHash);
    }

    private async Task<T> WithAdministrationAsync<T>(Func<UserAdministration, Task<T>> action)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private Task WithAdministrationAsync(Func<UserAdministration, Task> action) =>
        WithAdministrationAsync(async a => { await action(a); return true; });

    private static async Task<string> AntiforgeryTokenOfAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, Ct);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"{path} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
