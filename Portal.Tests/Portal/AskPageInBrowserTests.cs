using System.Text.RegularExpressions;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>What a day of asking trips over on the Ask page: headings, the history drawer, feedback, themes, phones, dates.</summary>
public sealed class AskPageInBrowserTests(OneDocumentPortalFixture fixture) : IClassFixture<OneDocumentPortalFixture>
{
    private const string Question = "Where do visitors park?";

    [Fact]
    public async Task The_page_has_one_h1_inside_main_and_the_closed_history_keeps_its_buttons_out_of_the_tab_order()
    {
        var page = await SignedInPageAsync();
        await AskAsync(page, Question);

        await Expect(page.Locator("main h1")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);

        // Closed, nothing of the drawer can be reached by Tab.
        await Expect(page.Locator("[data-testid=history-close]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=history-button]");
        await Expect(page.Locator("[data-testid=history-close]")).ToBeVisibleAsync();
        var actions = page.Locator("[data-testid=history-item]").First.Locator("[data-testid=history-actions] button");
        await Expect(actions).ToHaveAccessibleNameAsync($"Actions for {Question}");
        await page.ClickAsync("[data-testid=history-close]");
        await Expect(page.Locator("[data-testid=history-close]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Thumbs_down_moves_focus_into_its_form_and_saved_feedback_is_shown_after_a_reload()
    {
        var page = await SignedInPageAsync();
        await AskAsync(page, Question);

        await page.ClickAsync("[data-testid=thumbs-down]");
        await Expect(page.GetByText("What was wrong? (optional)")).ToBeFocusedAsync();
        await page.ClickAsync("[data-testid=feedback-cancel]");
        await Expect(page.Locator("[data-testid=thumbs-down]")).ToBeFocusedAsync();

        await page.ClickAsync("[data-testid=thumbs-down]");
        await page.ClickAsync("[data-testid=reason-outdated]");
        await page.ClickAsync("[data-testid=feedback-send]");
        await Expect(page.Locator("[data-testid=feedback-thanks]")).ToBeFocusedAsync();

        await page.ReloadAsync();
        await Browser.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=feedback-thanks]")).ToHaveTextAsync("You said this answer did not help (Outdated).");
        await Expect(page.Locator("[data-testid=thumbs-down]")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Was this helpful?")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Enter_in_the_history_rename_box_saves_the_typed_title_and_Escape_keeps_the_old_one()
    {
        var page = await SignedInPageAsync();
        await AskAsync(page, "Which garage level is for visitors?");
        await page.ClickAsync("[data-testid=history-button]");
        var item = page.Locator("[data-testid=history-item]").First;
        await item.Locator("[data-testid=history-actions] button").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Rename").ClickAsync();
        var box = page.GetByLabel("New title");
        await box.FillAsync("Visitor parking");
        await box.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=history-item]").First).ToContainTextAsync("Visitor parking");

        await page.Locator("[data-testid=history-item]").First.Locator("[data-testid=history-actions] button").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Rename").ClickAsync();
        await page.GetByLabel("New title").FillAsync("Something else");
        await page.GetByLabel("New title").PressAsync("Escape");
        await Expect(page.Locator("[data-testid=history-item]").First).ToContainTextAsync("Visitor parking");
    }

    [Fact]
    public async Task A_deleted_conversation_says_it_no_longer_exists()
    {
        var page = await SignedInPageAsync();
        await AskAsync(page, "Where do bicycles go?");
        var address = page.Url;

        await page.ClickAsync("[data-testid=history-button]");
        var item = page.Locator("[data-testid=history-item]", new() { HasText = "Where do bicycles go?" });
        await item.Locator("[data-testid=history-actions] button").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Delete").ClickAsync();
        await page.ClickAsync("[data-testid=confirm-yes]");
        await page.WaitForURLAsync(url => !url.Contains("/c/", StringComparison.Ordinal));

        await page.GotoAsync(address);
        await Browser.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-testid=conversation-missing]")).ToContainTextAsync("This conversation no longer exists");
        Assert.Equal(address, page.Url);
        await Expect(page).ToHaveTitleAsync(new Regex("Conversation not found"));
    }

    [Fact]
    public async Task The_dark_theme_is_a_pressed_toggle_and_stays_after_a_reload()
    {
        var page = await SignedInPageAsync(options => options.ColorScheme = ColorScheme.Light);
        var toggle = page.Locator("[data-testid=theme-toggle]");
        await Expect(toggle).ToHaveAccessibleNameAsync("Dark theme");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator(".portal-dark")).ToHaveCountAsync(1);

        await page.ReloadAsync();
        await Browser.WaitForCircuitAsync(page);
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator(".portal-dark")).ToHaveCountAsync(1);

        // And back: light stays light although nothing else changed.
        await toggle.ClickAsync();
        await page.ReloadAsync();
        await Browser.WaitForCircuitAsync(page);
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task On_a_phone_the_header_buttons_do_not_overlap_and_example_questions_are_not_cut()
    {
        var page = await SignedInPageAsync(options => options.ViewportSize = new ViewportSize { Width = 390, Height = 844 });
        await Expect(page.Locator("[data-testid=example-questions] .mud-chip").First).ToBeVisibleAsync();

        var newButton = await BoxAsync(page.Locator("[data-testid=new-conversation]"));
        var history = await BoxAsync(page.Locator("[data-testid=history-button]"));
        var title = await BoxAsync(page.Locator("h1"));
        Assert.False(Overlap(newButton, history), "New and History overlap.");
        Assert.False(Overlap(title, history) || Overlap(title, newButton), "The title runs under the buttons.");
        await Expect(page.Locator("[data-testid=history-button]")).ToHaveTextAsync("History");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('[data-testid=history-button], [data-testid=new-conversation]')].every(b => b.scrollWidth <= b.clientWidth)"),
            "A header button's label is cut.");

        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=example-questions] .mud-chip')]
                .filter(chip => {
                    const content = chip.querySelector('.mud-chip-content') ?? chip;
                    const box = chip.getBoundingClientRect();
                    return content.scrollWidth > content.clientWidth + 1 || box.right > window.innerWidth;
                })
                .map(chip => chip.textContent)
            """);
        Assert.Empty(cut);
    }

    [Fact]
    public async Task Dates_follow_the_readers_language()
    {
        var german = await SignedInPageAsync(options => options.Locale = "de-DE");
        await AskAsync(german, Question);
        await german.ClickAsync("[data-testid=history-button]");
        // German short dates are day.month.year.
        await Expect(german.Locator("[data-testid=history-item]").First).ToContainTextAsync(new Regex(@"\d{2}\.\d{2}\.\d{4}"));

        var american = await SignedInPageAsync(options => options.Locale = "en-US");
        await AskAsync(american, Question);
        await american.ClickAsync("[data-testid=history-button]");
        await Expect(american.Locator("[data-testid=history-item]").First).ToContainTextAsync(new Regex(@"\d{1,2}/\d{1,2}/\d{4}"));
    }

    private async Task<IPage> SignedInPageAsync(Action<BrowserNewContextOptions>? configure = null)
    {
        var page = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress, configure);
        await Browser.SignInAsync(page, OneDocumentPortalFixture.Employee, PortalHost.UserPassword);
        return page;
    }

    private static async Task AskAsync(IPage page, string question)
    {
        await page.FillAsync("#ask-input", question);
        await page.Keyboard.PressAsync("Enter");
        // Under a full suite's load an Enter typed a moment after sign-in was once not acted on (the question
        // stayed in the box). These tests are about what follows an answer; Enter itself is tested in
        // AskInBrowserTests. So when nothing started, ask with the button, as a person would.
        var started = page.Locator("[data-testid=answer-text], [data-testid=stop], [data-testid=feedback]");
        try
        {
            await started.First.WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await page.ClickAsync("[data-testid=ask]");
        }
        await Expect(page.Locator("[data-testid=feedback]").Last).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.WaitForURLAsync("**/c/*");
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not visible.");

    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
}
