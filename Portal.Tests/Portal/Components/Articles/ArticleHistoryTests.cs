using Bunit;
using KnowledgePortal.Portal.Components.Pages.Articles;
using KnowledgePortal.Shared.Articles;
using MudBlazor.Services;

namespace KnowledgePortal.Tests.Portal.Components.Articles;

public class ArticleHistoryTests : BunitContext
{
    public ArticleHistoryTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static ArticleDetails Details(params ArticleVersion[] versions)
    {
        var article = new Article { Id = Guid.NewGuid(), Title = "Parking", OwnerId = "alice", State = ArticleState.Draft, PublishedVersion = versions.Length > 0 ? versions[0].Number : null };
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        return new ArticleDetails(article, "Alice", null, MayVerify: false, MayPublish: false, versions,
        [
            new ArticleHistoryEntry(at.AddHours(2), "Bob", ArticleAction.SentBack, null, "Name the garage."),
            new ArticleHistoryEntry(at.AddHours(1), "Alice", ArticleAction.Published, 1, null),
        ]);
    }

    private static ArticleVersion Version(int number, string body) =>
        new() { ArticleId = Guid.Empty, Number = number, Title = "Parking", Body = body, PublishedBy = "alice", PublishedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task Comparing_a_version_with_the_draft_shows_removed_lines_left_and_added_lines_right()
    {
        var cut = Render<ArticleHistory>(p => p
            .Add(c => c.Details, Details(Version(1, "# Parking\nLevel -2.\n")))
            .Add(c => c.WorkingBody, "# Parking\nLevel -3.\nAsk reception.\n"));

        await cut.Find("button[data-testid=compare-version]").ClickAsync();

        Assert.Equal(["Level -2."], cut.FindAll("[data-testid=diff-removed]").Select(e => e.TextContent));
        Assert.Equal(["Level -3.", "Ask reception."], cut.FindAll("[data-testid=diff-added]").Select(e => e.TextContent));
        Assert.Contains("Bob", cut.Find("[data-testid=article-trail]").TextContent);
        Assert.Contains("sent it back: “Name the garage.”", cut.Find("[data-testid=article-trail]").TextContent);
        Assert.Contains("published version 1", cut.Find("[data-testid=article-trail]").TextContent);
    }

    [Fact]
    public async Task An_unchanged_draft_says_so_and_restore_names_the_version()
    {
        int? restored = null;
        var cut = Render<ArticleHistory>(p => p
            .Add(c => c.Details, Details(Version(2, "Same text.\n"), Version(1, "Old text.\n")))
            .Add(c => c.WorkingBody, "Same text.\n")
            .Add(c => c.OnRestore, n => restored = n));

        await cut.FindAll("button[data-testid=compare-version]")[0].ClickAsync();
        Assert.Contains("same as version 2", cut.Find("[data-testid=diff-same]").TextContent);
        Assert.Contains("v2 (live)", cut.Find("[data-testid=article-version][data-version='2']").TextContent);

        await cut.Find("[data-testid=article-version][data-version='1'] button[data-testid=restore-version]").ClickAsync();
        Assert.Equal(1, restored);
    }

    [Fact]
    public void Before_the_first_publication_it_says_what_makes_version_1()
    {
        var cut = Render<ArticleHistory>(p => p.Add(c => c.Details, Details()).Add(c => c.WorkingBody, "Draft"));

        Assert.Contains("the first publication makes version 1", cut.Markup);
    }
}
