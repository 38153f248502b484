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

    private const string SearchPath = "/api/search?q=leave";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_failure_reads_the_same_until_an_admin_unlocks_it()
    {
        var user = await Portal.CreateUserAsync("lockout@example.com");
        using var client = Portal.Client();
        var answers = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.SignInAsync(user.Email!, "Not-the-password-1");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            answers.Add(ErrorOf(await wrong.Content.ReadAsStringAsync(Ct)));
        }
        using (var right = await client.SignInAsync(user.Email!, PortalHost.UserPassword))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode); // even the right password is refused now
            answers.Add(ErrorOf(await right.Content.ReadAsStringAsync(Ct)));
        }
        using (var unknown = await client.SignInAsync("nobody-here@example.com", "Not-the-password-1"))
        {
            answers.Add(ErrorOf(await unknown.Content.ReadAsStringAsync(Ct)));
        }
        // Whoever types cannot tell a wrong password, a locked account and an unknown email apart.
        Assert.Single(answers.Distinct());
        Assert.Contains("Wrong email or password", answers[0]);
        Assert.True(await WithAdministrationAsync(a => a.FindAsync(user.Id, Ct)) is { IsLockedOut: true });

        await WithAdministrationAsync(a => a.SetLockedAsync(user.Id, false, Ct));

        using var unlocked = await client.SignInAsync(user.Email!, PortalHost.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal("/", unlocked.RedirectTarget());
    }

    [Fact]
    public async Task The_owner_learns_of_an_expired_lockout_at_their_next_sign_in_once()
    {
        var user = await Portal.CreateUserAsync("was-locked@example.com");
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            // What five wrong passwords leave behind once the lockout has run out.
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.UtcNow.AddMinutes(-3));
        }
        using var client = Portal.Client();

        using (var first = await client.SignInAsync(user.Email!, PortalHost.UserPassword, returnUrl: "/search"))
        {
            var html = await first.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("this account was locked until", html);
            Assert.Contains("href=\"/search\"", html); // Continue goes where the person was going
        }
        using (var signedIn = await client.GetAsync("/account/profile", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }
        using var again = Portal.Client();
        using var second = await again.SignInAsync(user.Email!, PortalHost.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }

    [Fact]
    public async Task An_admin_lock_ends_open_sessions_refuses_sign_in_and_the_users_api_tokens_until_unlocked()
    {
        var user = await Portal.CreateUserAsync("locked-by-admin@example.com");
        var token = await Portal.Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "script", null, Ct);
        using var script = Portal.Client(token.Secret);
        using var browser = await Portal.SignedInClientAsync(user.Email!, PortalHost.UserPassword);
        using (var before = await script.GetAsync(SearchPath, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await WithAdministrationAsync(a => a.SetLockedAsync(user.Id, true, Ct));

        using (var ended = await browser.GetAsync("/account/profile", Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode); // at once, not at the next stamp check
            Assert.StartsWith("/account/sign-in", ended.RedirectTarget());
        }
        using var other = Portal.Client();
        using (var refused = await other.SignInAsync(user.Email!, PortalHost.UserPassword))
        {
            Assert.Contains("Wrong email or password", ErrorOf(await refused.Content.ReadAsStringAsync(Ct)));
        }
        using (var tokenRefused = await script.GetAsync(SearchPath, Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, tokenRefused.StatusCode);
        }

        await WithAdministrationAsync(a => a.SetLockedAsync(user.Id, false, Ct));
        using var again = await script.GetAsync(SearchPath, Ct);
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
            Assert.Contains("Wrong email or password", await old.Content.ReadAsStringAsync(Ct));
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
    public async Task Sign_out_needs_the_antiforgery_token_and_then_a_copy_of_the_old_cookie_opens_nothing()
    {
        await Portal.CreateUserAsync("signout@example.com");
        var cookies = new CookieContainer();
        using var client = await Portal.SignedInClientAsync("signout@example.com", PortalHost.UserPassword, cookies);

        using (var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // what another site's form would get
        }
        using (var stillIn = await client.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }
        var saved = cookies.GetCookies(Portal.BaseAddress)["kp.auth"]!.Value;

        using var form = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync("/account/change-password"),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/account/sign-in", form.RedirectTarget());
        using var after = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.RedirectTarget());

        // Someone who copied the cookie before sign-out (a shared computer, a proxy log) replays it.
        using var replay = Portal.Client();
        replay.DefaultRequestHeaders.Add("Cookie", $"kp.auth={saved}");
        using (var page = await replay.GetAsync("/account/profile", Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/sign-in", page.RedirectTarget());
        }
        using var api = await replay.GetAsync(SearchPath, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_accounts_other_sessions_and_keeps_this_one()
    {
        var user = await Portal.CreateUserAsync("two-browsers@example.com");
        using var here = await Portal.SignedInClientAsync(user.Email!, PortalHost.UserPassword);
        using var elsewhere = await Portal.SignedInClientAsync(user.Email!, PortalHost.UserPassword);

        using var changed = await here.PostFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = PortalHost.UserPassword,
            ["Input.New"] = "A-new-password-3",
            ["Input.Confirm"] = "A-new-password-3",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        using (var stays = await here.GetAsync("/account/profile", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stays.StatusCode);
        }
        using var ended = await elsewhere.GetAsync("/account/profile", Ct);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/account/sign-in", ended.RedirectTarget());
    }

    [Fact]
    public async Task A_return_address_with_a_non_ascii_character_signs_in_and_arrives_encoded()
    {
        await Portal.CreateUserAsync("cafe@example.com");
        using var client = Portal.Client();
        using var signIn = await client.PostFormAsync("/account/sign-in?returnUrl=/search?q=café", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = "cafe@example.com",
            ["Input.Password"] = PortalHost.UserPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/search?q=caf%C3%A9", signIn.RedirectTarget());
        Assert.Equal("/", global::KnowledgePortal.Portal.Security.ReturnUrls.Local("/ok\r\nSet-Cookie: x=1"));
        Assert.Equal("/", global::KnowledgePortal.Portal.Security.ReturnUrls.Local("https://evil.example/"));
    }

    [Fact]
    public async Task Each_page_has_one_title_its_own_and_a_failed_sign_in_does_not_send_the_password_back()
    {
        await Portal.CreateUserAsync("titles@example.com");
        using var client = Portal.Client();
        var signInPage = await client.GetStringAsync("/account/sign-in", Ct);
        Assert.Equal(["Sign in · KnowledgePortal"], Titles(signInPage));

        using var failed = await client.SignInAsync("titles@example.com", "Typed-wrong-password-7");
        var failedPage = await failed.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Wrong email or password", failedPage);
        Assert.DoesNotContain("Typed-wrong-password-7", failedPage);

        using var signedIn = await Portal.SignedInClientAsync("titles@example.com", PortalHost.UserPassword);
        Assert.Equal(["Profile · KnowledgePortal"], Titles(await signedIn.GetStringAsync("/account/profile", Ct)));
    }

    private static List<string> Titles(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<title>([^<]*)</title>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

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

    private static string ErrorOf(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"sign-in-error\">([^<]*)<");
        Assert.True(match.Success, "The sign-in page shows no error.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<T> WithAdministrationAsync<T>(Func<UserAdministration, Task<T>> action)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private Task WithAdministrationAsync(Func<UserAdministration, Task> action) =>
        WithAdministrationAsync(async a => { await action(a); return true; });
}
