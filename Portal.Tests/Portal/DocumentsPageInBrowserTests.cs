using System.Text;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>An admin manages documents on /admin/documents in a real browser against the real portal and its worker.</summary>
public sealed class DocumentsPageInBrowserTests : IAsyncLifetime
{
    private const string Notes = """
        # Parking rules

        ## Visitors

        Visitors park on level minus two of the east garage and register at the front desk with their licence plate.
        """;

    private PortalHost portal = null!;
    private Browser browser = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Uploads cross the circuit and the worker runs beside the test: more than Playwright's 5 s default on a busy machine.
        SetDefaultExpectTimeout(30_000);
        // A slower poll keeps a new upload queued for a moment, long enough to see its progress.
        portal = await PortalHost.StartAsync(new Dictionary<string, string?> { ["KnowledgePortal:Ingestion:PollSeconds"] = "1.5" });
        await portal.CreateUserAsync("hr@example.com", KnowledgePortal.Shared.Identity.PortalRoles.Employee, "HR");
        browser = await Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_uploads_watches_it_become_ready_changes_its_audience_deletes_it_and_retries_a_failed_upload()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await Browser.SignInAsync(page, PortalHost.AdminEmail, PortalHost.AdminPassword, "/admin/documents");
        // The file input is wired to the circuit by Blazor's InputFile script some time after the circuit is up;
        // files set before that are never sent. That script marks the element when it has wired it.
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await Expect(page.Locator("[data-testid=documents-empty]")).ToContainTextAsync("kp ingest PATH");
        await Expect(page.Locator("[data-testid=embedding-model]")).ToContainTextAsync("all-MiniLM-L6-v2");

        // Upload: it appears at once, shows progress while processing, and becomes Ready.
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "parking.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(Notes) });
        await Expect(page.Locator("[data-testid=upload-outcome]")).ToContainTextAsync("parking.md was added");
        var row = page.Locator("tr", new() { Has = page.Locator("[data-testid=doc-name]", new() { HasText = "parking.md" }) });
        await Expect(row.Locator("[data-testid=doc-progress]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=doc-status]")).ToHaveTextAsync("Ready", new() { Timeout = 60_000 });
        await Expect(row.Locator("[data-testid=doc-progress]")).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("Parking rules");
        await Expect(row.Locator("[data-testid=doc-audience]")).ToHaveTextAsync("everyone");
        await Expect(page.Locator("[data-testid=job-row]").First).ToContainTextAsync("Succeeded");
        var id = await DocumentIdAsync("parking.md");
        Assert.Contains(await SearchAsync("Where do visitors park?", SearchFilter.Everyone), p => p.DocumentId == id);

        // "Only these groups" with no group chosen is not a way to reach everyone: nothing goes ahead until one is chosen.
        await page.Locator("[data-testid=audience-groups]").ClickAsync();
        await Expect(page.Locator("[data-testid=audience-incomplete]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=upload-button]")).ToBeDisabledAsync();
        await page.Locator("[data-testid=audience-everyone]").ClickAsync();
        await Expect(page.Locator("[data-testid=upload-button]")).ToBeEnabledAsync();

        // At a common laptop width every column and the row's actions are in view, without scrolling sideways.
        await page.SetViewportSizeAsync(1366, 768);
        var actions = row.Locator("[data-testid=doc-actions] button");
        await Expect(actions).ToHaveAccessibleNameAsync("Actions for parking.md");
        await Expect(actions).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('[data-testid=documents-table] .mud-table-container')].every(c => c.scrollWidth <= c.clientWidth)"),
            "The documents table scrolls sideways at 1366 px.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 1366 px.");

        // Audience: HR only, effective on the next search.
        var dialog = page.Locator(".mud-dialog");
        await ChooseRowActionAsync(page, row, "change-audience", dialog);
        await dialog.Locator("[data-testid=audience-groups]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=audience-save]")).ToBeDisabledAsync();
        await dialog.Locator("[data-testid=audience-group-HR]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=audience-save]")).ToBeEnabledAsync();
        await dialog.Locator("[data-testid=audience-save]").ClickAsync();
        await Expect(row.Locator("[data-testid=doc-audience]")).ToHaveTextAsync("HR");
        Assert.DoesNotContain(await SearchAsync("Where do visitors park?", SearchFilter.Everyone), p => p.DocumentId == id);
        Assert.Contains(await SearchAsync("Where do visitors park?", new SearchFilter(Principals.ForGroups(["HR"]))), p => p.DocumentId == id);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "admin-documents.png"), FullPage = true });

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0); // the audience dialog has gone, overlay and all

        // Delete, after confirmation. The question opens on Cancel: an Enter out of habit, or Escape, deletes nothing.
        var confirmation = page.Locator("[data-testid=confirm-dialog]");
        await ChooseRowActionAsync(page, row, "delete", confirmation);
        await Expect(page.Locator("[data-testid=confirm-cancel]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=confirm-dialog]")).ToHaveCountAsync(0);
        await ChooseRowActionAsync(page, row, "delete", confirmation);
        await Expect(page.Locator("[data-testid=confirm-cancel]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-testid=confirm-dialog]")).ToHaveCountAsync(0);
        await Expect(row).ToHaveCountAsync(1);
        await ChooseRowActionAsync(page, row, "delete", confirmation);
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.False(await db.Documents.AnyAsync(d => d.Id == id, Ct));
        }

        // A PNG named .pdf fails with a message a person understands, and can be retried.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[256]];
        // Disabling and enabling the picker (the audience check above) renders a new file input, wired anew.
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = png });
        var failed = page.Locator("tr", new() { Has = page.Locator("[data-testid=doc-name]", new() { HasText = "scan.pdf" }) });
        await Expect(failed.Locator("[data-testid=doc-status]")).ToHaveTextAsync("Failed", new() { Timeout = 60_000 });
        await Expect(failed.Locator("[data-testid=doc-error]")).ToContainTextAsync("PNG");
        // The message under the upload button follows the file: no "being processed" beside a failed row.
        await Expect(page.Locator("[data-testid=upload-outcome]")).ToContainTextAsync("scan.pdf could not be processed");
        await Expect(page.Locator("[data-testid=upload-outcome]")).ToContainTextAsync("PNG");
        await Expect(failed.Locator("[data-testid=retry]")).ToHaveAccessibleNameAsync("Retry scan.pdf");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "admin-documents-failed.png"), FullPage = true });
        // A click that lands while the live refresh re-renders the row is dropped by Blazor (its handler id
        // changed); a person clicks again, and so does the test. The job count below shows it queued once.
        var queuedAgain = page.Locator(".mud-snackbar", new() { HasText = "scan.pdf is queued again" });
        for (var attempt = 0; attempt < 3 && await queuedAgain.CountAsync() == 0; attempt++)
        {
            await failed.Locator("[data-testid=retry]").ClickAsync();
            try
            {
                await queuedAgain.WaitForAsync(new() { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Not seen: click again.
            }
        }
        await Expect(queuedAgain).ToBeVisibleAsync();
        await Expect(failed.Locator("[data-testid=doc-status]")).ToHaveTextAsync("Failed", new() { Timeout = 60_000 });
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct))
        {
            var scan = await db.Documents.SingleAsync(d => d.Name == "scan.pdf", Ct);
            Assert.Equal(2, await db.Jobs.CountAsync(j => j.DocumentId == scan.Id, Ct));
        }

        // A PDF with one unreadable page is ready with the others, and the row says which page it lacks.
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "guide.pdf", MimeType = "application/pdf", Buffer = Ingestion.Parsing.TestPdfs.WithUnreadablePages(3, 2) });
        var partial = page.Locator("tr", new() { Has = page.Locator("[data-testid=doc-name]", new() { HasText = "guide.pdf" }) });
        await Expect(partial.Locator("[data-testid=doc-status]")).ToHaveTextAsync("Ready", new() { Timeout = 60_000 });
        await Expect(partial.Locator("[data-testid=doc-warning]")).ToHaveTextAsync("1 page could not be read (p. 2)");
    }

    private async Task<Guid> DocumentIdAsync(string name)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct);
        return await db.Documents.Where(d => d.Name == name).Select(d => d.Id).SingleAsync(Ct);
    }

    private Task<IReadOnlyList<Passage>> SearchAsync(string query, SearchFilter filter) =>
        portal.Services.GetRequiredService<HybridRetriever>().RetrieveAsync(new RetrievalRequest(query, filter), Ct);

    /// <summary>
    /// Chooses an action from a row's menu until what it opens is visible: the page re-renders its rows on the
    /// 1.5 s refresh after a change, and a click that lands in that re-render is dropped by Blazor (a known gap, see the note).
    /// </summary>
    private static async Task ChooseRowActionAsync(IPage page, ILocator row, string action, ILocator opens)
    {
        var item = page.Locator($".mud-popover-open [data-testid={action}]");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A second click on the activator would close a menu the last attempt left open.
                if (!await item.IsVisibleAsync())
                {
                    await row.Locator("[data-testid=doc-actions] button").ClickAsync();
                }
                await item.ClickAsync(new() { Timeout = 5_000 });
                await Expect(opens).ToBeVisibleAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && attempt < 4)
            {
                // the click raced a refresh of the table
            }
        }
    }
}
