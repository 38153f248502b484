using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Shared.Articles;

/// <summary>The article lifecycle on a real knowledge base: publishing reaches search through the ingestion pipeline.</summary>
public class ArticleWorkflowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ArticleActor Alice = new("alice", IsAdmin: false, Principals.EveryoneOnly);
    private static readonly ArticleActor Bob = new("bob", IsAdmin: false, Principals.EveryoneOnly);

    private const string ParkingBody = """
        ## Visitor parking

        Visitors park on level minus two of the Harbour Street garage. The reception desk validates the ticket for free parking.

        ## Bicycle storage

        Bicycles go in the locked cage beside the loading dock; ask facilities for a key card.
        """;

    /// <summary>A knowledge base where Alice and Bob are people of the portal, so names and verifiers resolve.</summary>
    private static async Task<TestKnowledgeBase> KnowledgeBaseWithEditorsAsync()
    {
        var kb = await TestKnowledgeBase.CreateAsync();
        await using var db = await kb.DbAsync();
        db.Users.AddRange(
            new PortalUser { Id = "alice", UserName = "alice@example.com", Email = "alice@example.com", DisplayName = "Alice Ames" },
            new PortalUser { Id = "bob", UserName = "bob@example.com", Email = "bob@example.com", DisplayName = "Bob Berg" });
        await db.SaveChangesAsync(Ct);
        return kb;
    }

    private static ArticleWorkflow Workflow(TestKnowledgeBase kb) => kb.Services.GetRequiredService<ArticleWorkflow>();

    private static ArticleCatalog Catalog(TestKnowledgeBase kb) => kb.Services.GetRequiredService<ArticleCatalog>();

    private static async Task<Article> ReviewedArticleAsync(TestKnowledgeBase kb, string title = "Parking at the office", string body = ParkingBody, IReadOnlyList<string>? audience = null)
    {
        var article = await Workflow(kb).CreateAsync(Alice, new ArticleDraft(title, body, "Where visitors and bicycles go.", "facilities, parking"), audience, Ct);
        await Workflow(kb).SubmitForReviewAsync(Alice, article.Id, Ct);
        return article;
    }

    private static async Task<Passage?> TopAsync(TestKnowledgeBase kb, string query, SearchFilter? filter = null) =>
        (await kb.SearchAsync(query, filter)).FirstOrDefault();

    [Fact]
    public async Task A_published_article_is_found_and_cited_at_its_section_and_retiring_removes_it_at_once()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var article = await ReviewedArticleAsync(kb);
        Assert.Null(await TopAsync(kb, "where do visitors park"));

        var version = await Workflow(kb).PublishAsync(Bob, article.Id, Ct);
        await kb.RunWorkerAsync();

        Assert.Equal(1, version.Number);
        var top = await TopAsync(kb, "where do visitors park");
        Assert.NotNull(top);
        Assert.Contains("Harbour Street garage", top.Text);
        Assert.StartsWith("Parking at the office", top.HeadingPath, StringComparison.Ordinal);
        var badges = await Catalog(kb).BadgesAsync([top.DocumentId], Ct);
        Assert.Equal(article.Id, badges[top.DocumentId].ArticleId);

        await Workflow(kb).RetireAsync(Bob, article.Id, Ct);

        // No worker run: retiring takes effect on the next query.
        Assert.Null(await TopAsync(kb, "where do visitors park"));
        var retired = await Catalog(kb).GetAsync(Alice, article.Id, Ct);
        Assert.Equal(ArticleState.Retired, retired!.Article.State);
        Assert.Contains(retired.History, h => h.Action == ArticleAction.Retired);
    }

    [Fact]
    public async Task Editing_a_published_article_keeps_the_published_version_serving_until_the_new_one_is_published()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var article = await ReviewedArticleAsync(kb);
        await Workflow(kb).PublishAsync(Bob, article.Id, Ct);
        await kb.RunWorkerAsync();
        var current = (await Catalog(kb).GetAsync(Alice, article.Id, Ct))!.Article;

        var moved = ParkingBody.Replace("level minus two of the Harbour Street garage", "the Quayside car park on Mill Lane", StringComparison.Ordinal);
        var saved = await Workflow(kb).SaveDraftAsync(Alice, article.Id, current.Revision, new ArticleDraft(current.Title, moved, current.Summary, current.Tags), Ct);
        Assert.False(saved.Conflict);

        var draft = (await Catalog(kb).GetAsync(Alice, article.Id, Ct))!.Article;
        Assert.Equal(ArticleState.Draft, draft.State);
        Assert.Equal(1, draft.PublishedVersion);
        Assert.Contains("Harbour Street", (await TopAsync(kb, "where do visitors park"))!.Text);

        await Workflow(kb).SubmitForReviewAsync(Alice, article.Id, Ct);
        var second = await Workflow(kb).PublishAsync(Bob, article.Id, Ct);
        await kb.RunWorkerAsync();

        Assert.Equal(2, second.Number);
        var top = (await TopAsync(kb, "where do visitors park"))!;
        Assert.Contains("Quayside car park", top.Text);
        Assert.DoesNotContain((await kb.SearchAsync("Harbour Street garage", top: 10)), p => p.Text.Contains("Harbour Street", StringComparison.Ordinal));
        await using var db = await kb.DbAsync();
        Assert.Equal(1, await db.Documents.CountAsync(d => d.ArticleId == article.Id, Ct));
    }

    [Fact]
    public async Task The_lifecycle_refuses_what_it_does_not_allow_with_a_reason()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var workflow = Workflow(kb);
        var draft = await workflow.CreateAsync(Alice, new ArticleDraft("Badges", "Lost badges are replaced at reception."), null, Ct);

        var unreviewed = await Assert.ThrowsAsync<ArticleRuleException>(() => workflow.PublishAsync(Bob, draft.Id, Ct));
        Assert.Contains("review", unreviewed.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<ArticleRuleException>(() => workflow.SendBackAsync(Bob, draft.Id, "too short", Ct));

        await workflow.SubmitForReviewAsync(Alice, draft.Id, Ct);
        var self = await Assert.ThrowsAsync<ArticleRuleException>(() => workflow.PublishAsync(Alice, draft.Id, Ct));
        Assert.Contains("other than", self.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArticleRuleException>(() => workflow.SendBackAsync(Bob, draft.Id, "  ", Ct));
        await Assert.ThrowsAsync<ArticleRuleException>(() => workflow.VerifyAsync(Alice, draft.Id, Ct));

        await workflow.SendBackAsync(Bob, draft.Id, "Say where reception is.", Ct);
        var returned = (await Catalog(kb).GetAsync(Alice, draft.Id, Ct))!;
        Assert.Equal(ArticleState.Draft, returned.Article.State);
        Assert.Equal("Say where reception is.", returned.Article.ReviewComment);

        var duplicate = await Assert.ThrowsAsync<ArticleRuleException>(() => workflow.CreateAsync(Bob, new ArticleDraft("badges", "x"), null, Ct));
        Assert.Contains("already titled", duplicate.Message, StringComparison.Ordinal);
        var unknownGroup = await Assert.ThrowsAsync<ArticleRuleException>(() => workflow.CreateAsync(Bob, new ArticleDraft("Payroll", "x"), ["Payroll team"], Ct));
        Assert.Contains("no group named \"Payroll team\"", unknownGroup.Message, StringComparison.Ordinal);

        // An administrator publishes a draft without a review, as `kp articles publish` does.
        var published = await workflow.PublishAsync(ArticleActor.CommandLine, draft.Id, Ct);
        Assert.Equal(1, published.Number);
    }

    [Fact]
    public async Task A_second_save_on_an_older_revision_is_refused_and_says_who_changed_the_draft()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var workflow = Workflow(kb);
        var article = await workflow.CreateAsync(Alice, new ArticleDraft("Printers", "Printers are on every floor."), null, Ct);

        var first = await workflow.SaveDraftAsync(Alice, article.Id, article.Revision, new ArticleDraft("Printers", "Alice's text."), Ct);
        var second = await workflow.SaveDraftAsync(Bob, article.Id, article.Revision, new ArticleDraft("Printers", "Bob's text."), Ct);

        Assert.False(first.Conflict);
        Assert.True(second.Conflict);
        Assert.Equal(first.Revision, second.Revision);
        Assert.Equal("Alice Ames", second.ChangedBy);
        Assert.Equal("Alice's text.", (await Catalog(kb).GetAsync(Alice, article.Id, Ct))!.Article.Body);
    }

    [Fact]
    public async Task An_article_for_a_group_is_invisible_to_others_and_an_audience_change_applies_at_once()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        await using (var db = await kb.DbAsync())
        {
            db.Groups.Add(new Group { Id = Guid.NewGuid(), Name = "Facilities" });
            await db.SaveChangesAsync(Ct);
        }
        var article = await ReviewedArticleAsync(kb, audience: ["Facilities"]);
        await Workflow(kb).PublishAsync(ArticleActor.CommandLine, article.Id, Ct);
        await kb.RunWorkerAsync();
        var facilities = new SearchFilter(Principals.ForGroups(["Facilities"]));

        Assert.NotNull(await TopAsync(kb, "where do visitors park", facilities));
        Assert.Null(await TopAsync(kb, "where do visitors park"));
        Assert.Empty(await Catalog(kb).PublishedAsync(Principals.EveryoneOnly, Ct));
        Assert.Null(await Catalog(kb).PublishedVersionAsync(Principals.EveryoneOnly, article.Id, Ct));
        await Assert.ThrowsAsync<ArticleNotFoundException>(() => Workflow(kb).SaveDraftAsync(Bob, article.Id, 1, new ArticleDraft("x", "y"), Ct));
        Assert.Null(await Catalog(kb).GetAsync(Bob, article.Id, Ct));

        await Workflow(kb).UpdateSettingsAsync(ArticleActor.CommandLine, article.Id,
            new ArticleSettings(["everyone"], "alice", "alice", null, 90, ValidUntil: null), Ct);
        await using (var db = await kb.DbAsync())
        {
            var doc = await db.Documents.Include(d => d.Audience).SingleAsync(d => d.ArticleId == article.Id, Ct);
            Assert.Equal(["everyone"], doc.Audience.Select(a => a.Principal));
        }
        Assert.NotNull(await TopAsync(kb, "where do visitors park"));
    }

    [Fact]
    public async Task An_article_past_its_valid_until_date_leaves_search_without_anyone_retiring_it()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var article = await ReviewedArticleAsync(kb);
        await Workflow(kb).PublishAsync(Bob, article.Id, Ct);
        await kb.RunWorkerAsync();
        Assert.NotNull(await TopAsync(kb, "where do visitors park"));

        await Workflow(kb).UpdateSettingsAsync(Alice, article.Id,
            new ArticleSettings(["everyone"], "alice", "alice", null, 90, ValidUntil: DateTimeOffset.UtcNow.AddSeconds(-1)), Ct);

        Assert.Null(await TopAsync(kb, "where do visitors park"));
        Assert.Empty(await Catalog(kb).PublishedAsync(Principals.EveryoneOnly, Ct));

        // The owner is told, and the list says why it no longer answers.
        var summary = Assert.Single(await Catalog(kb).ListAsync(Alice, null, Ct));
        Assert.True(summary.Expired);
        Assert.Contains((await Catalog(kb).WorkOfAsync(Alice, Ct)).Expiring, s => s.Id == article.Id);

        // Renewing the date brings it back without publishing again.
        await Workflow(kb).UpdateSettingsAsync(Alice, article.Id,
            new ArticleSettings(["everyone"], "alice", "alice", null, 90, ValidUntil: DateTimeOffset.UtcNow.AddDays(30)), Ct);
        Assert.Contains("Harbour Street", (await TopAsync(kb, "where do visitors park"))!.Text);
        Assert.False(Assert.Single(await Catalog(kb).ListAsync(Alice, null, Ct)).Expired);
        Assert.DoesNotContain((await Catalog(kb).WorkOfAsync(Alice, Ct)).Expiring, s => s.Id == article.Id);
    }

    [Fact]
    public async Task The_verifier_verifies_and_an_overdue_verification_tells_readers_it_needs_review()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var article = await ReviewedArticleAsync(kb);
        await Workflow(kb).PublishAsync(Bob, article.Id, Ct);
        await kb.RunWorkerAsync();

        await Assert.ThrowsAsync<ArticleRuleException>(() => Workflow(kb).VerifyAsync(Bob, article.Id, Ct));
        await Workflow(kb).VerifyAsync(Alice, article.Id, Ct);

        var documentId = (await Catalog(kb).GetAsync(Alice, article.Id, Ct))!.Article.DocumentId!.Value;
        var badge = (await Catalog(kb).BadgesAsync([documentId], Ct))[documentId];
        Assert.True(badge.Verified);
        Assert.False(badge.NeedsReview);

        await using (var db = await kb.DbAsync())
        {
            await db.Articles.Where(a => a.Id == article.Id)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.LastVerifiedAt, DateTimeOffset.UtcNow.AddDays(-91)), Ct);
        }
        var overdue = (await Catalog(kb).BadgesAsync([documentId], Ct))[documentId];
        Assert.True(overdue.NeedsReview);
        Assert.False(overdue.Verified);
        var work = await Catalog(kb).WorkOfAsync(Alice, Ct);
        Assert.Contains(work.VerificationsDue, s => s.Id == article.Id);
        Assert.DoesNotContain((await Catalog(kb).WorkOfAsync(Bob, Ct)).VerificationsDue, s => s.Id == article.Id);
    }

    [Fact]
    public async Task Restoring_an_old_version_puts_its_text_in_a_draft_and_the_trail_says_who_did_what()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var workflow = Workflow(kb);
        var article = await workflow.CreateAsync(Alice, new ArticleDraft("Lockers", "Lockers are on level 2."), null, Ct);
        await workflow.PublishAsync(ArticleActor.CommandLine, article.Id, Ct);
        var revision = (await Catalog(kb).GetAsync(Alice, article.Id, Ct))!.Article.Revision;
        await workflow.SaveDraftAsync(Alice, article.Id, revision, new ArticleDraft("Lockers", "Lockers moved to level 3."), Ct);
        await workflow.PublishAsync(ArticleActor.CommandLine, article.Id, Ct);

        await workflow.RestoreAsync(Bob, article.Id, 1, Ct);

        var details = (await Catalog(kb).GetAsync(Alice, article.Id, Ct))!;
        Assert.Equal("Lockers are on level 2.", details.Article.Body);
        Assert.Equal(ArticleState.Draft, details.Article.State);
        Assert.Equal(2, details.Article.PublishedVersion);
        Assert.Equal([2, 1], details.Versions.Select(v => v.Number));
        Assert.Equal(
            [ArticleAction.Restored, ArticleAction.Published, ArticleAction.Edited, ArticleAction.Published, ArticleAction.Created],
            details.History.Select(h => h.Action));
        Assert.Equal(1, details.History[0].Version);
    }

    [Fact]
    public async Task A_curated_article_ranks_above_a_raw_document_saying_the_same()
    {
        const string Fact = "Visitors park on level minus two of the Harbour Street garage. The reception desk validates the ticket for free parking.";
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        await kb.IngestAsync(new DocumentSubmission("facilities-notes.md", Encoding.UTF8.GetBytes($"# Facilities notes\n\n## Visitor parking\n\n{Fact}\n")));
        var article = await ReviewedArticleAsync(kb, "Facilities notes (curated)", $"## Visitor parking\n\n{Fact}\n");
        await Workflow(kb).PublishAsync(Bob, article.Id, Ct);
        await kb.RunWorkerAsync();

        var results = await kb.SearchAsync("where do visitors park", top: 2);

        Assert.Equal(2, results.Count);
        var badges = await Catalog(kb).BadgesAsync(results.Select(r => r.DocumentId), Ct);
        Assert.True(badges.ContainsKey(results[0].DocumentId), $"first: {results[0].DocumentName}");
    }

    [Fact]
    public async Task A_crash_between_committing_the_lifecycle_and_indexing_is_repaired_when_the_worker_starts()
    {
        await using var kb = await KnowledgeBaseWithEditorsAsync();
        var parking = await ReviewedArticleAsync(kb);
        await Workflow(kb).PublishAsync(Bob, parking.Id, Ct);
        var lockers = await ReviewedArticleAsync(kb, "Lockers", "## Day lockers\n\nDay lockers are on level 4 beside the print room; they open with the badge.\n");
        await Workflow(kb).PublishAsync(Bob, lockers.Id, Ct);
        await kb.RunWorkerAsync();

        // What a crash right after each commit leaves: parking has version 2 published but never
        // queued for indexing, lockers is retired but its document was never removed.
        await using (var db = await kb.DbAsync())
        {
            var article = await db.Articles.SingleAsync(a => a.Id == parking.Id, Ct);
            var moved = ParkingBody.Replace("level minus two of the Harbour Street garage", "the Quayside car park on Mill Lane", StringComparison.Ordinal);
            db.ArticleVersions.Add(new ArticleVersion { ArticleId = article.Id, Number = 2, Title = article.Title, Body = moved, Summary = article.Summary, Tags = article.Tags, PublishedAt = DateTimeOffset.UtcNow, PublishedBy = "bob" });
            (article.Body, article.PublishedVersion, article.LatestVersion) = (moved, 2, 2);
            var retired = await db.Articles.SingleAsync(a => a.Id == lockers.Id, Ct);
            (retired.State, retired.PublishedVersion, retired.DocumentId) = (ArticleState.Retired, null, null);
            await db.SaveChangesAsync(Ct);
        }
        Assert.Contains("Harbour Street", (await TopAsync(kb, "where do visitors park"))!.Text);
        Assert.Contains("print room", (await TopAsync(kb, "where are the day lockers"))!.Text);

        await kb.RunWorkerAsync();

        Assert.Contains("Quayside car park", (await TopAsync(kb, "where do visitors park"))!.Text);
        Assert.DoesNotContain(await kb.SearchAsync("where are the day lockers", top: 10), p => p.Text.Contains("print room", StringComparison.Ordinal));
        await using (var db = await kb.DbAsync())
        {
            Assert.Equal(1, await db.Documents.CountAsync(d => d.ArticleId == parking.Id, Ct));
            Assert.Equal(0, await db.Documents.CountAsync(d => d.ArticleId == lockers.Id, Ct));
        }
        // Once repaired, a restart finds nothing to do.
        var again = await kb.Services.GetRequiredService<KnowledgePortal.Ingestion.Articles.ArticleIndexRepair>().RepairAsync(Ct);
        Assert.Equal(new KnowledgePortal.Ingestion.Articles.ArticleRepairReport(0, 0), again);
    }
}
