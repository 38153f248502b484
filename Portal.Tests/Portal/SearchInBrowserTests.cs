using System.Text.RegularExpressions;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>The search page in a real browser against a real portal: grouping, paging, facets, snippets, security trimming.</summary>
public sealed partial class SearchInBrowserTests(SearchPortalFixture fixture) : IClassFixture<SearchPortalFixture>, IAsyncLifetime
{
    private const int ReadableDocuments = SearchPortalFixture.MarkdownDocuments + 2;

    private Browser browser = null!;

    public async ValueTask InitializeAsync() => browser = await Browser.LaunchAsync();

    public async ValueTask DisposeAsync() => await browser.DisposeAsync();

    private async Task<IPage> OpenAsync(string address)
    {
        var page = await browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(page, SearchPortalFixture.Employee, PortalHost.UserPassword, address);
        return page;
    }

    [Fact]
    public async Task Results_are_grouped_by_document_paged_by_ten_and_snippets_mark_the_query_words()
    {
        var page = await OpenAsync("/search?q=reimbursement");

        await Expect(page.GetByTestId("search-summary")).ToContainTextAsync($"{ReadableDocuments} documents");
        var results = page.GetByTestId("search-result");
        await Expect(results).ToHaveCountAsync(10);
        var firstPage = await page.GetByTestId("result-title").AllTextContentsAsync();
        var marks = await page.Locator("[data-testid=search-snippet] mark").AllTextContentsAsync();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.StartsWith("reimburs", m.ToLowerInvariant(), StringComparison.Ordinal));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDirectory, "search.png"), FullPage = true });

        await page.GetByTestId("search-pagination").GetByRole(AriaRole.Button, new() { Name = "Page 2", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PageTwo());
        await Expect(results).ToHaveCountAsync(ReadableDocuments - 10);
        var secondPage = await page.GetByTestId("result-title").AllTextContentsAsync();

        Assert.Equal(ReadableDocuments, firstPage.Concat(secondPage).Distinct().Count());
        Assert.DoesNotContain(firstPage.Concat(secondPage), t => t.Contains("Executive", StringComparison.Ordinal));
        Assert.DoesNotContain("Executive", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_narrow_the_results_and_keep_the_other_choices_in_view()
    {
        var page = await OpenAsync("/search?q=reimbursement");
        var results = page.GetByTestId("search-result");
        await Expect(results).ToHaveCountAsync(10);
        await Expect(page.GetByTestId("facet-kind-markdown")).ToContainTextAsync(SearchPortalFixture.MarkdownDocuments.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("facet-kind-pdf")).ToContainTextAsync("1");
        await Expect(page.GetByTestId("facet-kind-text")).ToContainTextAsync("1");

        await page.GetByTestId("facet-kind-pdf").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("kind=pdf"));
        await Expect(results).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("result-kind")).ToHaveTextAsync("PDF");
        await Expect(page.GetByTestId("facet-kind-pdf")).ToHaveAttributeAsync("data-selected", "true");
        await Expect(page.GetByTestId("facet-kind-markdown")).ToContainTextAsync(SearchPortalFixture.MarkdownDocuments.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByTestId("facet-kind-text").ClickAsync();
        await Expect(results).ToHaveCountAsync(2);

        await page.GetByTestId("clear-filters").ClickAsync();
        await Expect(page.GetByTestId("search-summary")).ToContainTextAsync($"{ReadableDocuments} documents");

        var office = page.GetByTestId("facet-source").Filter(new() { HasText = "Travel office 7" });
        await office.ClickAsync();
        await Expect(results).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("result-title")).ToHaveTextAsync("Travel office 7");
        await Expect(page.GetByTestId("facet-source").Filter(new() { HasText = "Travel office 3" })).ToBeVisibleAsync();

        await Expect(page.GetByTestId("facet-date-7d")).ToContainTextAsync("1");
        await page.GetByTestId("facet-date-older").ClickAsync();
        await Expect(page.GetByTestId("search-no-results")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Search without filters" }).ClickAsync();
        await Expect(page.GetByTestId("search-summary")).ToContainTextAsync($"{ReadableDocuments} documents");
        Assert.DoesNotContain("Executive", string.Join(" ", await page.GetByTestId("facet-source").AllTextContentsAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_and_a_document_that_look_like_html_are_shown_as_text()
    {
        const string query = "<b>rules</b> <script>alert(1)</script>";
        var page = await OpenAsync("/search?q=" + Uri.EscapeDataString(query));
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        var snippet = page.GetByTestId("search-result").Filter(new() { HasText = "notes.txt" }).GetByTestId("search-snippet").First;
        await Expect(snippet).ToContainTextAsync("Reimbursement <b>rules</b> and <script>alert(1)</script> tags");
        Assert.Equal(0, await page.Locator(".search-results b, .search-results script, .search-results img").CountAsync());
        Assert.Contains("rules", await snippet.Locator("mark").AllTextContentsAsync());
        Assert.Equal(query, await page.InputValueAsync("#search-input"));
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Ask_about_this_asks_the_search_as_a_question_within_that_document()
    {
        var page = await OpenAsync("/search?q=reimbursement&kind=pdf");
        await Expect(page.GetByTestId("search-result")).ToHaveCountAsync(1);

        await page.GetByTestId("ask-about").ClickAsync();

        await Expect(page.GetByTestId("ask-scope")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("question")).ToHaveTextAsync("reimbursement");
        await Expect(page.GetByTestId("answer")).Not.ToContainTextAsync("Searching the knowledge base", new() { Timeout = 60_000 });
        var sources = await page.GetByTestId("source-item").AllTextContentsAsync();
        Assert.All(sources, s => Assert.DoesNotContain("Travel office", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_with_a_question_fills_the_box_and_asks_only_when_the_person_presses_Ask()
    {
        // A person of their own, so the conversations counted are only this test's.
        var person = await fixture.Portal.CreateUserAsync($"linked-{Guid.NewGuid():N}@example.com");
        Guid claimsGuide;
        await using (var db = await DbAsync())
        {
            claimsGuide = await db.Documents.Where(d => d.Name == "claims-guide.pdf").Select(d => d.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        var page = await browser.NewPageAsync(fixture.Portal.BaseAddress);

        // Any site can link here, and the cookie goes along: opening the link must not ask.
        await Browser.SignInAsync(page, person.Email!, PortalHost.UserPassword, $"/?q=reimbursement&doc={claimsGuide}");

        await Expect(page.Locator("#ask-input")).ToHaveValueAsync("reimbursement");
        await Expect(page.GetByTestId("ask-scope")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(0);
        Assert.Equal(0, await ConversationsOfAsync(person.Id));

        await page.GetByTestId("ask").ClickAsync();

        await page.WaitForURLAsync("**/c/*");
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(1);
        var sources = await page.GetByTestId("source-item").AllTextContentsAsync();
        Assert.All(sources, s => Assert.DoesNotContain("Travel office", s, StringComparison.Ordinal));
        Assert.Equal(1, await ConversationsOfAsync(person.Id));
        var firstConversation = page.Url;

        // The ask box in the app bar is the person's own action: it still asks at once.
        await page.FillAsync("#global-ask", "commute costs");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("question")).ToHaveTextAsync("commute costs");
        // The address changes once the answer is saved, which on a busy machine can take a while after the question shows.
        await page.WaitForURLAsync(url => url.Contains("/c/", StringComparison.Ordinal) && url != firstConversation, new() { Timeout = 90_000 });
        Assert.Equal(2, await ConversationsOfAsync(person.Id));
    }

    private async Task<KnowledgePortal.Shared.Storage.KnowledgeDbContext> DbAsync() =>
        await fixture.Portal.Services.GetRequiredService<IDbContextFactory<KnowledgePortal.Shared.Storage.KnowledgeDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken);

    private async Task<int> ConversationsOfAsync(string userId)
    {
        await using var db = await DbAsync();
        return await db.Conversations.CountAsync(c => c.UserId == userId, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Each_passage_opens_the_viewer_at_its_page_with_it_highlighted()
    {
        var page = await OpenAsync("/search?q=reimbursement&kind=pdf");
        var passage = page.GetByTestId("search-passage").First;
        var href = await passage.GetAttributeAsync("href");
        Assert.Matches(@"^/sources/[0-9a-f-]+\?page=\d+&chunk=\d+$", href);

        await passage.ClickAsync();

        await page.WaitForURLAsync("**/sources/**");
        await Expect(page.Locator(".kp-highlight").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("viewer-page-number")).ToContainTextAsync("Page " + PageOf().Match(href!).Groups[1].Value);
    }

    [GeneratedRegex("p=2")]
    private static partial Regex PageTwo();

    [GeneratedRegex(@"page=(\d+)")]
    private static partial Regex PageOf();
}
