using KnowledgePortal.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>The source viewer in a real browser: the cited section is highlighted and brought into view; pages turn from the keyboard.</summary>
public sealed class SourceViewerInBrowserTests(SourcesPortalFixture fixture) : IClassFixture<SourcesPortalFixture>, IAsyncLifetime
{
    private Browser browser = null!;

    public async ValueTask InitializeAsync() => browser = await Browser.LaunchAsync();

    public async ValueTask DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task A_markdown_citation_opens_with_its_section_highlighted_and_in_view()
    {
        var chunk = (await fixture.ChunksAsync(fixture.LeavePolicy)).First(c => c.Text.Contains("Long sick leave", StringComparison.Ordinal));
        var page = await browser.NewPageAsync(fixture.Portal.BaseAddress);
        await page.SetViewportSizeAsync(1280, 500); // short, so the last section starts out of view
        await Browser.SignInAsync(page, SourcesPortalFixture.Employee, PortalHost.UserPassword, $"/sources/{fixture.LeavePolicy}?page=1&chunk={chunk.Id}");

        var cited = page.Locator("#kp-cited");
        await Expect(cited).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("kp-highlight"));
        await Expect(page.Locator(".markdown-body .kp-highlight").Filter(new() { HasText = "Long sick leave" }).First).ToBeVisibleAsync();
        await Expect(cited).ToBeInViewportAsync();
        await Expect(page.Locator(".markdown-body h1")).Not.ToBeInViewportAsync();
        await ScrollSettledAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "viewer-markdown.png") });
    }

    [Fact]
    public async Task Arrow_keys_and_the_page_box_turn_pdf_pages()
    {
        var page = await browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(page, SourcesPortalFixture.Employee, PortalHost.UserPassword, $"/sources/{fixture.PerksPlus}?page=1");
        var pageNumber = page.GetByTestId("viewer-page-number");
        await Expect(pageNumber).ToHaveTextAsync("Page 1 of 4");

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(pageNumber).ToHaveTextAsync("Page 2 of 4");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(pageNumber).ToHaveTextAsync("Page 1 of 4");

        await page.FillAsync("#viewer-page-input", "4");
        await page.Keyboard.PressAsync("Enter");
        await Expect(pageNumber).ToHaveTextAsync("Page 4 of 4");
        Assert.EndsWith("page=4", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("open-original")).ToHaveAttributeAsync("href", $"/sources/{fixture.PerksPlus}/original#page=4");
    }

    [Fact]
    public async Task The_viewer_is_usable_at_phone_width()
    {
        var chunk = (await fixture.ChunksAsync(fixture.PerksPlus)).First(c => c.PageStart >= 2);
        var page = await browser.NewPageAsync(fixture.Portal.BaseAddress);
        await page.SetViewportSizeAsync(390, 844);
        await Browser.SignInAsync(page, SourcesPortalFixture.Employee, PortalHost.UserPassword, $"/sources/{fixture.PerksPlus}?page={chunk.PageStart}&chunk={chunk.Id}");

        await Expect(page.Locator("mark.kp-highlight")).ToBeInViewportAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, "the viewer scrolls sideways at phone width");
        await ScrollSettledAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "viewer-phone.png") });
    }

    [Fact]
    public async Task The_page_as_printed_shows_the_cited_lines_boxed_and_the_text_is_one_click_away()
    {
        var chunk = (await fixture.ChunksAsync(fixture.PerksPlus)).First(c => c.Text.Contains("Introducing PerksPlus", StringComparison.Ordinal));
        var page = await browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(page, SourcesPortalFixture.Employee, PortalHost.UserPassword, $"/sources/{fixture.PerksPlus}?page={chunk.PageStart}&chunk={chunk.Id}");

        await page.GetByTestId("view-printed").ClickAsync();

        var image = page.Locator("[data-testid=page-image] img");
        await Expect(image).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=page-image] img').naturalWidth > 0");
        var first = page.Locator("#kp-cited");
        await Expect(first).ToBeInViewportAsync();
        // The boxes lie on the image, not beside it.
        var imageBox = (await image.BoundingBoxAsync())!;
        var box = (await first.BoundingBoxAsync())!;
        Assert.InRange(box.X, imageBox.X, imageBox.X + imageBox.Width);
        Assert.InRange(box.Y, imageBox.Y, imageBox.Y + imageBox.Height);
        Assert.True(box.Width > imageBox.Width / 3, $"the first line's box is {box.Width} px wide on a {imageBox.Width} px page");
        await ScrollSettledAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "viewer-as-printed.png") });

        await page.GetByTestId("view-text").ClickAsync();
        await Expect(page.Locator("mark.kp-highlight").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=page-image]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Opening_the_original_of_a_web_page_downloads_it_and_runs_none_of_its_code()
    {
        var page = await browser.NewPageAsync(fixture.Portal.BaseAddress);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        await Browser.SignInAsync(page, SourcesPortalFixture.Employee, PortalHost.UserPassword, $"/sources/{fixture.HostilePage}");
        await Expect(page.GetByTestId("markdown-body")).ToContainTextAsync("first Monday of May");

        // Followed in this tab, as a person's browser would on a plain link: a page served to render would replace the portal here.
        var href = await page.GetByTestId("open-original").GetAttributeAsync("href");
        var download = await page.RunAndWaitForDownloadAsync(() => page.EvaluateAsync("href => { const a = document.createElement('a'); a.href = href; document.body.append(a); a.click(); }", href));

        Assert.Equal("hostile.html", download.SuggestedFilename);
        await page.Mouse.MoveAsync(200, 300);
        await page.WaitForTimeoutAsync(300); // give a handler that slipped through the time to run
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('pwned')"));
        Assert.Empty(dialogs);
        await Expect(page.GetByTestId("markdown-body")).ToBeVisibleAsync();
    }

    /// <summary>The viewer scrolls smoothly; a screenshot taken mid-scroll shows a torn page.</summary>
    private static Task ScrollSettledAsync(IPage page) =>
        page.WaitForFunctionAsync("() => new Promise(resolve => { const y = window.scrollY; setTimeout(() => resolve(window.scrollY === y), 200); })");
}
