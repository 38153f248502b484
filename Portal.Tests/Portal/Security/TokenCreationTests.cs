using System.Net;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>Creating an API token needs a fresh sign-in: an old session (or a stolen cookie) cannot mint a lasting credential.</summary>
public sealed class TokenCreationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Right_after_signing_in_a_person_creates_a_token_that_works_on_the_api()
    {
        await using var portal = await PortalHost.StartAsync();
        await portal.CreateUserAsync("maker@example.com");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await Browser.SignInAsync(page, "maker@example.com", PortalHost.UserPassword, "/account/profile");

        await page.FillAsync("#token-name", "nightly report");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=new-token]")).ToBeVisibleAsync();
        var secret = await page.Locator("#new-token-value").InputValueAsync();

        using var script = portal.Client(secret);
        using var search = await script.GetAsync("/api/search?q=report", Ct);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task A_session_older_than_the_window_is_asked_to_sign_in_again_and_comes_back_to_the_profile()
    {
        await using var portal = await PortalHost.StartAsync(new Dictionary<string, string?> { ["KnowledgePortal:Sessions:RecentSignInMinutes"] = "0" });
        await portal.CreateUserAsync("stale@example.com");
        using var client = await portal.SignedInClientAsync("stale@example.com", PortalHost.UserPassword);

        var profile = await client.GetStringAsync("/account/profile", Ct);

        Assert.Contains("data-testid=\"token-needs-sign-in\"", profile);
        Assert.DoesNotContain("data-testid=\"create-token\"", profile);
        var antiforgery = PortalHttp.AntiforgeryTokenIn(profile, "/account/profile");
        using var again = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["returnUrl"] = "/account/profile",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/sign-in?returnUrl=%2Faccount%2Fprofile", again.RedirectTarget());
    }
}
