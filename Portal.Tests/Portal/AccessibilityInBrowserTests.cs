using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>
/// axe-core (WCAG 2.2 A and AA rules) over every page each role reaches, in the light and the dark theme,
/// including the states people open on them (history drawer, dialogs): no serious or critical violation;
/// moderate and minor ones are written to the test output so they are seen and worked off.
/// </summary>
public sealed class AccessibilityInBrowserTests(OneDocumentPortalFixture fixture) : IClassFixture<OneDocumentPortalFixture>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    private readonly List<string> blocking = [];

    public static TheoryData<ColorScheme> Schemes => [ColorScheme.Light, ColorScheme.Dark];

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task The_sign_in_page_has_no_serious_violations(ColorScheme scheme)
    {
        var page = await NewPageAsync(scheme);
        await page.GotoAsync("/account/sign-in");
        await CheckAsync(page, "sign-in");

        // A failed attempt shows its error in the form.
        await page.FillAsync("#email", PortalHost.AdminEmail);
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync("**/account/sign-in**");
        await CheckAsync(page, "sign-in after a wrong password");
        AssertNoBlockingViolations();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task An_employees_pages_have_no_serious_violations(ColorScheme scheme)
    {
        var page = await SignedInPageAsync(OneDocumentPortalFixture.Employee, PortalHost.UserPassword, scheme);
        await CheckReaderPagesAsync(page);
        await page.GotoAsync("/admin/documents");
        await Browser.WaitForCircuitAsync(page);
        await CheckAsync(page, "access denied");
        AssertNoBlockingViolations();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task An_editors_pages_have_no_serious_violations(ColorScheme scheme)
    {
        var page = await SignedInPageAsync(OneDocumentPortalFixture.Editor, PortalHost.UserPassword, scheme);
        await CheckReaderPagesAsync(page);

        await GoAsync(page, "/articles");
        await CheckAsync(page, "articles (empty)");
        await page.GetByTestId("new-article").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await CheckAsync(page, "new article dialog");
        await page.Locator("#article-title-new").FillAsync($"Accessibility ({scheme})");
        await page.Locator("#article-title-new").PressAsync("Enter");
        await Expect(page.GetByTestId("article-heading")).ToBeVisibleAsync();
        await Browser.WaitForCircuitAsync(page);
        await page.Locator("#article-body").FillAsync("## Section\n\nSome text with a [link](https://example.com).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        await Expect(page.GetByTestId("save-status")).ToContainTextAsync("All changes saved");
        await CheckAsync(page, "article editor");
        foreach (var tab in new[] { "Settings", "History" })
        {
            await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + tab) }).ClickAsync();
            await CheckAsync(page, $"article editor, {tab.ToLowerInvariant()} tab");
        }
        await GoAsync(page, "/articles");
        await Expect(page.GetByTestId("articles-table")).ToBeVisibleAsync();
        await CheckAsync(page, "articles");
        await GoAsync(page, "/gaps");
        await Expect(page.GetByTestId("gaps-empty").Or(page.GetByTestId("gap").First)).ToBeVisibleAsync();
        await CheckAsync(page, "knowledge gaps");
        AssertNoBlockingViolations();
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task An_admins_pages_have_no_serious_violations(ColorScheme scheme)
    {
        var page = await SignedInPageAsync(PortalHost.AdminEmail, PortalHost.AdminPassword, scheme);
        await CheckReaderPagesAsync(page);

        await GoAsync(page, "/admin/documents");
        await Expect(page.Locator("[data-testid=doc-name]").First).ToBeVisibleAsync();
        await CheckAsync(page, "documents");

        await GoAsync(page, "/admin/users");
        await CheckAsync(page, "users");
        await page.ClickAsync("[data-testid=add-user]");
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await CheckAsync(page, "add user dialog");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await GoAsync(page, "/admin/groups");
        await CheckAsync(page, "groups");
        await page.ClickAsync("[data-testid=new-group]");
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await CheckAsync(page, "new group dialog");
        AssertNoBlockingViolations();
    }

    /// <summary>What every signed-in person reaches: Ask (empty, answered, history open), Search, a source, their account.</summary>
    private async Task CheckReaderPagesAsync(IPage page)
    {
        await GoAsync(page, "/");
        await CheckAsync(page, "ask (empty)");

        await page.FillAsync("#ask-input", "Where do visitors park?");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=citation-chip]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=feedback]").First).ToBeVisibleAsync();
        await CheckAsync(page, "ask (answered)");
        await page.ClickAsync("[data-testid=history-button]");
        await Expect(page.Locator("[data-testid=history-item]").First).ToBeVisibleAsync();
        await CheckAsync(page, "ask (history open)");

        await GoAsync(page, "/search?q=visitors");
        await Expect(page.Locator("[data-testid=search-result]").First).ToBeVisibleAsync();
        await CheckAsync(page, "search");

        await GoAsync(page, $"/sources/{fixture.DocumentId}");
        await Expect(page.Locator("[data-testid=viewer-title]")).ToBeVisibleAsync();
        await CheckAsync(page, "source viewer");

        await GoAsync(page, "/account/profile");
        await CheckAsync(page, "profile");
        await page.GotoAsync("/account/change-password");
        await CheckAsync(page, "change password");
        await GoAsync(page, "/no-such-page");
        await CheckAsync(page, "not found");
    }

    private Task<IPage> NewPageAsync(ColorScheme scheme) =>
        fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress, options =>
        {
            options.ViewportSize = new ViewportSize { Width = 1366, Height = 768 };
            options.ColorScheme = scheme;
            // axe is injected as a script; the portal's CSP rightly refuses scripts it did not issue.
            options.BypassCSP = true;
        });

    private async Task<IPage> SignedInPageAsync(string email, string password, ColorScheme scheme)
    {
        var page = await NewPageAsync(scheme);
        await Browser.SignInAsync(page, email, password);
        return page;
    }

    private static async Task GoAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Browser.WaitForCircuitAsync(page);
    }

    private async Task CheckAsync(IPage page, string state)
    {
        // MudBlazor's transitions (drawer, dialog, ripple) run 200-300 ms; axe measures contrast of what is painted.
        await page.WaitForTimeoutAsync(400);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var output = TestContext.Current.TestOutputHelper;
        foreach (var violation in result.Violations)
        {
            var report = new StringBuilder($"[{state}] {violation.Impact}: {violation.Id} ({violation.Help})");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.Append("\n    ").Append(string.Join(' ', node.Target)).Append("  ").Append(node.Html.Length > 160 ? node.Html[..160] + "…" : node.Html);
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Take(2))
                {
                    report.Append("\n      ").Append(check.Message?.ReplaceLineEndings(" "));
                }
            }
            output?.WriteLine(report.ToString());
            if (violation.Impact is "serious" or "critical")
            {
                blocking.Add(report.ToString());
            }
        }
    }

    private void AssertNoBlockingViolations() =>
        Assert.True(blocking.Count == 0, "Serious or critical accessibility violations:\n" + string.Join('\n', blocking));
}
