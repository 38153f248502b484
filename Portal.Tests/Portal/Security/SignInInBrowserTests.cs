using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>What a person sees when signing in, mistyping, getting locked out and signing out, in a real browser.</summary>
public sealed class SignInInBrowserTests : IAsyncLifetime
{
    private PortalHost portal = null!;
    private Browser browser = null!;

    public async ValueTask InitializeAsync()
    {
        portal = await PortalHost.StartAsync();
        await portal.CreateUserAsync("employee@example.com");
        await portal.CreateUserAsync("careless@example.com");
        browser = await Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task An_employee_mistypes_signs_in_sees_no_admin_and_signs_out()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync("/search");
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.FillAsync("#email", "employee@example.com");
        await page.FillAsync("#password", "Not-the-password-1");
        await SubmitAsync(page);
        await Expect(page.Locator("[data-testid=sign-in-error]")).ToContainTextAsync("Wrong email or password");

        await page.FillAsync("#email", "employee@example.com");
        await page.FillAsync("#password", PortalHost.UserPassword);
        await SubmitAsync(page);
        await page.WaitForURLAsync("**/search");
        await Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Search" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Admin", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(page.Locator("a[href='/admin/users']")).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/users");
        await Expect(page.GetByText("You don't have access to this page")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to asking" }).ClickAsync();
        await Expect(page.Locator("#ask-input")).ToBeVisibleAsync();
        await Browser.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=user-menu]");

        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/sign-in**");
        await Expect(page.Locator("#email")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_without_telling_the_typist()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.GotoAsync("/account/sign-in");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.FillAsync("#email", "careless@example.com");
            await page.FillAsync("#password", $"Wrong-password-{attempt}");
            await SubmitAsync(page);
            await Expect(page.Locator("[data-testid=sign-in-error]")).ToBeVisibleAsync();
        }
        var afterFive = await page.Locator("[data-testid=sign-in-error]").InnerTextAsync();

        // The right password does not get past a lock, and the page says what it says to any failure.
        await page.FillAsync("#email", "careless@example.com");
        await page.FillAsync("#password", PortalHost.UserPassword);
        await SubmitAsync(page);
        await Expect(page.Locator("[data-testid=sign-in-error]")).ToHaveTextAsync(afterFive);
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#email", "no-such-person@example.com");
        await page.FillAsync("#password", PortalHost.UserPassword);
        await SubmitAsync(page);
        await Expect(page.Locator("[data-testid=sign-in-error]")).ToHaveTextAsync(afterFive);
    }

    [Fact]
    public async Task A_browser_that_sends_only_an_api_token_gets_the_sign_in_page_not_the_portal()
    {
        var admin = await portal.CreateUserAsync("token-browser@example.com", KnowledgePortal.Shared.Identity.PortalRoles.Admin);
        var token = await portal.Services.GetRequiredService<KnowledgePortal.Shared.Identity.ApiTokenStore>()
            .CreateAsync(admin.Id, "leaked", null, TestContext.Current.CancellationToken);
        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token.Secret}" },
        });
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "/account/profile", "/admin/users" })
        {
            await page.GotoAsync(path);
            await page.WaitForURLAsync("**/account/sign-in**");
            await Expect(page.Locator("#email")).ToBeVisibleAsync();
            await Expect(page.GetByText("token-browser@example.com")).ToHaveCountAsync(0);
        }
        // The same token still does its job on the API.
        var api = await context.APIRequest.GetAsync("/api/search?q=leave");
        Assert.Equal(200, api.Status);
    }

    [Fact]
    public async Task An_admin_sees_the_admin_section()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await Browser.SignInAsync(page, PortalHost.AdminEmail, PortalHost.AdminPassword);

        await Expect(page.Locator("a[href='/admin/users']")).ToBeVisibleAsync();
        await page.ClickAsync("a[href='/admin/users']");
        await Expect(page.GetByText("employee@example.com")).ToBeVisibleAsync();
    }

    /// <summary>Submits the static sign-in form and waits until the browser shows the page the server answered with.</summary>
    private static async Task SubmitAsync(IPage page)
    {
        await page.EvaluateAsync("() => { window.kpBeforeSubmit = true; }");
        await page.ClickAsync("[data-testid=sign-in]");
        // One condition polled across the navigation: a separate wait for the load state raced the
        // redirect after a sign-in and once waited out its 30 s on a document that had long loaded.
        await page.WaitForFunctionAsync("() => window.kpBeforeSubmit === undefined && document.readyState !== 'loading'");
    }
}
