using System.Text.RegularExpressions;
using KnowledgePortal.Tests.Portal.Security;
using KnowledgePortal.Tests.Shared.Rendering;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>
/// Editors curate in a real browser: an editor writes an article and sends it for review, an
/// administrator publishes and verifies it, an employee's answer cites it with the badge, and after
/// it is retired the same question no longer cites it.
/// </summary>
public sealed class ArticlesInBrowserTests(OneDocumentPortalFixture fixture) : IClassFixture<OneDocumentPortalFixture>
{
    private const string Question = "When does the Glimmerbay harbour shuttle leave in the morning?";

    private const string Body = """
        ## Morning shuttle

        The Glimmerbay harbour shuttle leaves the front gate at 07:40 and 08:10 on weekdays and stops at the ferry terminal.

        ## Evening shuttle

        In the evening the shuttle returns from the ferry terminal at 17:25 and 18:05.
        """;

    [Fact]
    public async Task An_editor_writes_an_admin_publishes_an_employee_gets_it_cited_with_the_verified_badge_and_retiring_ends_that()
    {
        var editor = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(editor, OneDocumentPortalFixture.Editor, PortalHost.UserPassword, "/articles");

        await editor.GetByTestId("new-article").ClickAsync();
        await editor.Locator("#article-title-new").FillAsync("Harbour shuttle timetable");
        await editor.Locator("#article-title-new").PressAsync("Enter");
        await Expect(editor.GetByTestId("article-heading")).ToHaveTextAsync("Harbour shuttle timetable");
        await Browser.WaitForCircuitAsync(editor);

        await editor.Locator("#article-body").FillAsync(Body);
        await Expect(editor.GetByTestId("article-preview").Locator("h2").First).ToHaveTextAsync("Morning shuttle");
        await Expect(editor.GetByTestId("save-status")).ToContainTextAsync("All changes saved");

        // The draft survives a reload: it was saved as it was typed.
        await editor.ReloadAsync();
        await Browser.WaitForCircuitAsync(editor);
        await Expect(editor.Locator("#article-body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("07:40 and 08:10"));

        await editor.GetByTestId("submit-review").ClickAsync();
        await Expect(editor.GetByTestId("article-state")).ToHaveTextAsync("In review");
        // Whoever asked for the review does not approve it.
        await Expect(editor.GetByTestId("publish")).ToHaveCountAsync(0);

        var admin = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(admin, PortalHost.AdminEmail, PortalHost.AdminPassword, "/articles");
        await admin.GetByTestId("reviews-waiting").GetByRole(AriaRole.Link, new() { Name = "Harbour shuttle timetable" }).ClickAsync();
        await Browser.WaitForCircuitAsync(admin);
        await admin.GetByTestId("publish").ClickAsync();
        await Expect(admin.GetByTestId("article-state")).ToHaveTextAsync("Published");
        await admin.GetByTestId("verify").ClickAsync();
        await Expect(admin.GetByTestId("article-verified")).ToBeVisibleAsync();

        var employee = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(employee, OneDocumentPortalFixture.Employee, PortalHost.UserPassword, "/");
        var source = await AskAsync(employee);
        await Expect(source).ToContainTextAsync("Harbour shuttle timetable");
        await Expect(source.GetByTestId("verified-by")).ToContainTextAsync("Verified by");

        await source.ClickAsync();
        await Expect(employee.Locator(".kp-highlight", new() { HasText = "07:40" })).ToBeVisibleAsync();
        await Expect(employee.GetByTestId("curated-badge")).ToBeVisibleAsync();

        await admin.GetByTestId("retire").ClickAsync();
        // The question opens on Cancel, so an Enter out of habit retires nothing.
        await Expect(admin.GetByTestId("confirm-cancel")).ToBeFocusedAsync();
        await admin.GetByTestId("confirm-yes").ClickAsync();
        await Expect(admin.GetByTestId("article-state")).ToHaveTextAsync("Retired");

        await employee.GotoAsync("/");
        await Browser.WaitForCircuitAsync(employee);
        await employee.FillAsync("#ask-input", Question);
        await employee.Keyboard.PressAsync("Enter");
        await Expect(employee.Locator("[data-testid=answer-text]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(employee.Locator("[data-testid=answer-streaming], [data-testid=stop-answer]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(employee.GetByTestId("source-item").Filter(new() { HasText = "Harbour shuttle timetable" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Hostile_markdown_runs_nothing_in_the_preview_or_the_published_view()
    {
        // A nesting payload makes the renderer show the whole text as plain text (safe, but it would hide
        // what the others do); the unit tests cover those alone.
        var hostile = string.Join("\n\n", SafeMarkdownRendererTests.HostileMarkdown
            .Where(row => !((string)row.Data.Item1).StartsWith("deep ", StringComparison.Ordinal))
            .Select(row => (string)row.Data.Item2));
        var admin = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        var dialogs = new List<string>();
        admin.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        await Browser.SignInAsync(admin, PortalHost.AdminEmail, PortalHost.AdminPassword, "/articles");
        await admin.GetByTestId("new-article").ClickAsync();
        await admin.Locator("#article-title-new").FillAsync("Hostile markdown");
        await admin.Locator("#article-title-new").PressAsync("Enter");
        await Expect(admin.GetByTestId("article-heading")).ToHaveTextAsync("Hostile markdown");
        await Browser.WaitForCircuitAsync(admin);

        await admin.Locator("#article-body").FillAsync(hostile + "\n\nThe end of the hostile article.");
        var preview = admin.GetByTestId("article-preview");
        // Rendering the nesting payloads takes a moment on a small machine.
        await Expect(preview).ToContainTextAsync("The end of the hostile article.", new() { Timeout = 30_000 });
        await Expect(preview.Locator("h1").First).ToBeVisibleAsync(); // rendered as Markdown, not shown as plain text
        await Expect(admin.GetByTestId("save-status")).ToContainTextAsync("All changes saved");
        await AssertInertAsync(admin, "[data-testid=article-preview]");

        await admin.GetByTestId("publish").ClickAsync();
        await Expect(admin.GetByTestId("article-state")).ToHaveTextAsync("Published");
        var href = await admin.GetByTestId("open-published").GetAttributeAsync("href");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        do
        {
            await admin.GotoAsync(href!);
            await Browser.WaitForCircuitAsync(admin);
        }
        while (await admin.GetByTestId("viewer-indexing").CountAsync() > 0 && DateTime.UtcNow < deadline && await Delay(admin));
        await Expect(admin.GetByTestId("markdown-body")).ToContainTextAsync("The end of the hostile article.");
        await AssertInertAsync(admin, "[data-testid=markdown-body]");
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task Text_typed_while_the_connection_is_down_is_offered_back_after_a_reload_and_then_saved()
    {
        // The page's messages to the server pass through here, so the test can lose them as a dropped Wi-Fi would.
        var connectionDown = false;
        var page = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame =>
            {
                if (connectionDown)
                {
                    return;
                }
                if (frame.Binary is { } binary)
                {
                    server.Send(binary);
                }
                else
                {
                    server.Send(frame.Text ?? string.Empty);
                }
            });
        });
        var editor = await NewArticleAsync("Dropped connection draft", page);
        await editor.Locator("#article-body").FillAsync("The first paragraph reached the server.");
        await Expect(editor.GetByTestId("save-status")).ToContainTextAsync("All changes saved");

        connectionDown = true;
        await editor.Locator("#article-body").FillAsync("The first paragraph reached the server.\n\nThe second was typed offline.");
        await editor.WaitForTimeoutAsync(1500); // longer than the autosave pause: had the server heard it, it would have saved it
        connectionDown = false;
        await editor.ReloadAsync();
        await Browser.WaitForCircuitAsync(editor);

        await Expect(editor.Locator("#article-body")).Not.ToHaveValueAsync(new Regex("typed offline"));
        await Expect(editor.GetByTestId("unsaved-backup")).ToBeVisibleAsync();
        await editor.GetByTestId("restore-unsaved").ClickAsync();
        await Expect(editor.Locator("#article-body")).ToHaveValueAsync(new Regex("typed offline"));
        await Expect(editor.GetByTestId("save-status")).ToContainTextAsync("All changes saved");

        await editor.ReloadAsync();
        await Browser.WaitForCircuitAsync(editor);
        await Expect(editor.Locator("#article-body")).ToHaveValueAsync(new Regex("typed offline"));
        // Once the server has it, the browser's copy is gone: nothing is offered again.
        await Expect(editor.GetByTestId("unsaved-backup")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_image_pasted_into_the_body_is_stored_with_the_article_and_shown_in_the_preview()
    {
        var editor = await NewArticleAsync("Floor plan with a pasted image");
        await editor.Locator("#article-body").FillAsync("## Floor plan\n\nThe plan of level 3:");
        await Expect(editor.GetByTestId("save-status")).ToContainTextAsync("All changes saved");

        await editor.Locator("#article-body").EvaluateAsync("""
            (element, base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const clipboard = new DataTransfer();
              clipboard.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
              element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
            }
            """, Convert.ToBase64String(LeakFixture.Png));

        var image = editor.GetByTestId("article-preview").Locator("img");
        await Expect(image).ToHaveAttributeAsync("src", new Regex("^/articles/[0-9a-f-]+/images/"));
        // The browser loads it through the portal's access check, so it shows.
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 1);
        await Expect(editor.Locator("#article-body")).ToHaveValueAsync(new Regex(@"The plan of level 3:\s+!\["));
        await Expect(editor.GetByTestId("save-status")).ToContainTextAsync("All changes saved");
    }

    /// <summary>Signs the editor in on a new page and creates an empty article with the title.</summary>
    private async Task<IPage> NewArticleAsync(string title, IPage? page = null)
    {
        var editor = page ?? await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(editor, OneDocumentPortalFixture.Editor, PortalHost.UserPassword, "/articles");
        await editor.GetByTestId("new-article").ClickAsync();
        await editor.Locator("#article-title-new").FillAsync(title);
        await editor.Locator("#article-title-new").PressAsync("Enter");
        await Expect(editor.GetByTestId("article-heading")).ToHaveTextAsync(title);
        await Browser.WaitForCircuitAsync(editor);
        return editor;
    }

    private static async Task<bool> Delay(IPage page)
    {
        await page.WaitForTimeoutAsync(1000);
        return true;
    }

    private static async Task<ILocator> AskAsync(IPage page)
    {
        await page.FillAsync("#ask-input", Question);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=citation-chip]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return page.GetByTestId("source-item").Filter(new() { HasText = "Harbour shuttle timetable" }).First;
    }

    /// <summary>
    /// Hovers over the rendered article and checks it holds no element or address that could run code.
    /// An svg is allowed: the renderer draws alert blocks' icons with one; scripts and handlers inside it are still caught.
    /// </summary>
    private static async Task AssertInertAsync(IPage page, string container)
    {
        await page.Locator(container).HoverAsync();
        await page.Mouse.WheelAsync(0, 2000);
        await page.WaitForTimeoutAsync(300); // give a handler that slipped through the time to run
        var dangerous = await page.EvaluateAsync<string[]>("""
            container => [...document.querySelector(container).querySelectorAll('*')].flatMap(e =>
                [...e.attributes].filter(a => a.name.startsWith('on')
                        || (['href', 'src', 'action', 'data', 'formaction'].includes(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value)))
                    .map(a => `${e.tagName} ${a.name}=${a.value}`)
                .concat(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'BASE', 'META', 'STYLE'].includes(e.tagName.toUpperCase()) ? [e.tagName] : []))
            """, container);
        Assert.Empty(dangerous);
    }
}
