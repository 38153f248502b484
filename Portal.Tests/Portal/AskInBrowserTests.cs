using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>An employee asks in a real browser against the real portal with two corpus PDFs ingested.</summary>
public sealed class AskInBrowserTests : IAsyncLifetime
{
    private PortalHost portal = null!;
    private Browser browser = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        portal = await PortalHost.StartAsync();
        await portal.IngestCorpusAsync("PerksPlus.pdf", "Benefit_Options.pdf");
        await portal.CreateUserAsync("employee@example.com");
        browser = await Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task An_employee_asks_gets_a_cited_answer_opens_the_source_and_gives_feedback()
    {
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await Browser.SignInAsync(page, "employee@example.com", PortalHost.UserPassword);

        await page.FillAsync("#ask-input", "How do I get reimbursed through PerksPlus?");
        await page.Keyboard.PressAsync("Enter");

        var answer = page.Locator("[data-testid=answer-text]").First;
        await Expect(page.Locator("[data-testid=citation-chip]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(answer).ToContainTextAsync("PerksPlus");
        await Expect(page.Locator("[data-testid=source-item]").First).ToContainTextAsync("PerksPlus");
        await page.WaitForURLAsync("**/c/*");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "ask.png"), FullPage = true });

        // Thumbs down with a reason is stored with the question, the answer and the cited chunks.
        await page.ClickAsync("[data-testid=thumbs-down]");
        await page.ClickAsync("[data-testid=reason-outdated]");
        await page.FillAsync("textarea[id^=feedback-comment], input[id^=feedback-comment]", "The limit changed this year.");
        await page.ClickAsync("[data-testid=feedback-send]");
        await Expect(page.Locator("[data-testid=feedback-thanks]")).ToBeVisibleAsync();
        await using (var context = await portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct))
        {
            var feedback = await context.Feedback.SingleAsync(Ct);
            Assert.False(feedback.Helpful);
            Assert.Equal(KnowledgePortal.Shared.Conversations.FeedbackReason.Outdated, feedback.Reason);
            Assert.Equal("The limit changed this year.", feedback.Comment);
            Assert.Equal("How do I get reimbursed through PerksPlus?", feedback.Question);
            Assert.NotEmpty(feedback.CitedChunkIds);
            Assert.Contains("PerksPlus", feedback.Answer);
        }

        // The citation opens the source viewer at the page of the quoted words (a passage may start on a title
        // page), with the passage highlighted.
        var quote = (await page.Locator(".source-quote").First.InnerTextAsync()).Trim('“', '”', ' ', '\n');
        var quoteStart = string.Join(' ', quote.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5));
        var chipHref = await page.Locator("[data-testid=citation-chip]").First.GetAttributeAsync("href");
        Assert.Matches(@"/sources/[0-9a-f-]+\?page=\d+&chunk=\d+", chipHref);
        await page.Locator("[data-testid=citation-chip]").First.ClickAsync();
        await page.WaitForURLAsync("**/sources/**");
        await Expect(page.Locator(".kp-highlight").First).ToBeVisibleAsync();
        var cited = System.Text.RegularExpressions.Regex.Match(chipHref!, @"page=(\d+)").Groups[1].Value;
        await Expect(page.Locator("[data-testid=viewer-page-number]")).ToContainTextAsync(cited);
        await Expect(page.Locator("[data-testid=page-text]")).ToContainTextAsync(quoteStart);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "viewer.png"), FullPage = true });
    }
}
