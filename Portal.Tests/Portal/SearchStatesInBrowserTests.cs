using KnowledgePortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>The search page's other states, on a portal of its own: empty, no query, no match, and a spent rate limit.</summary>
public sealed class SearchStatesInBrowserTests : IAsyncLifetime
{
    private PortalHost portal = null!;
    private Browser browser = null!;

    public async ValueTask InitializeAsync()
    {
        portal = await PortalHost.StartAsync(new Dictionary<string, string?> { ["KnowledgePortal:RateLimits:SearchesPerMinute"] = "2" });
        await portal.CreateUserAsync("reader@example.com");
        browser = await Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task Empty_knowledge_base_no_query_no_match_and_rate_limit_each_say_what_to_do()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await Browser.SignInAsync(page, "reader@example.com", PortalHost.UserPassword, "/search?q=anything");
        await Expect(page.GetByTestId("search-empty-knowledge-base")).ToContainTextAsync("no documents yet");
        // An employee is told what happens next, not sent to an admin page they may not open.
        await Expect(page.GetByTestId("search-empty-knowledge-base")).ToContainTextAsync("Once an administrator adds documents");
        await Expect(page.GetByTestId("search-empty-knowledge-base").Locator("a[href='/admin/documents']")).ToHaveCountAsync(0);

        await portal.IngestMarkdownAsync("kitchen.md", "# Kitchen rules\n\nClean the coffee machine every Friday.\n");
        await page.GotoAsync("/search");
        await Browser.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("search-intro")).ToContainTextAsync("Search all documents you may read");

        // Search 1 of 2 this minute: found.
        await page.FillAsync("#search-input", "coffee machine");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("result-title")).ToHaveTextAsync("Kitchen rules");

        // Search 2: nothing matches.
        await page.FillAsync("#search-input", "xylophone quarterly zeppelin");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("search-no-results")).ToContainTextAsync("No passages match");
        await Expect(page.GetByTestId("search-no-results").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "ask a question" }))
            .ToHaveAttributeAsync("href", "/?q=xylophone%20quarterly%20zeppelin");

        // Search 3 within the minute: refused, with when to try again.
        await page.FillAsync("#search-input", "kitchen");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("search-rate-limited")).ToContainTextAsync("Try again in");
    }
}
