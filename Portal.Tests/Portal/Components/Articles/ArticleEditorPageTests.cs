using System.Security.Claims;
using Bunit;
using KnowledgePortal.Portal.Components.Pages.Articles;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KnowledgePortal.Tests.Portal.Components.Articles;

/// <summary>The editor page on a real knowledge base: autosave, and a save that would overwrite someone else's keeps the writer's text.</summary>
public sealed class ArticleEditorPageTests : BunitContext, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private TestKnowledgeBase kb = null!;

    public async ValueTask InitializeAsync()
    {
        kb = await TestKnowledgeBase.CreateAsync();
        await using (var db = await kb.DbAsync())
        {
            db.Users.AddRange(
                new PortalUser { Id = "alice", UserName = "alice@example.com", Email = "alice@example.com", DisplayName = "Alice Ames" },
                new PortalUser { Id = "bob", UserName = "bob@example.com", Email = "bob@example.com", DisplayName = "Bob Berg" });
            await db.SaveChangesAsync(Ct);
        }
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        foreach (var type in new[] { typeof(ArticleCatalog), typeof(ArticleWorkflow), typeof(ArticleImages), typeof(TimeProvider), typeof(IDbContextFactory<KnowledgeDbContext>) })
        {
            Services.AddSingleton(type, kb.Services.GetRequiredService(type));
        }
        Services.AddSingleton<CallerResolver>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Ames");
        auth.SetRoles(PortalRoles.Editor);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "alice"));
        Render<MudPopoverProvider>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await kb.DisposeAsync();
    }

    private ArticleWorkflow Workflow => kb.Services.GetRequiredService<ArticleWorkflow>();

    private async Task<string> StoredBodyAsync(Guid id)
    {
        await using var db = await kb.DbAsync();
        return await db.Articles.Where(a => a.Id == id).Select(a => a.Body).SingleAsync(Ct);
    }

    [Fact]
    public async Task Typing_saves_the_draft_and_renders_the_preview_through_the_sanitizer()
    {
        var article = await Workflow.CreateAsync(new ArticleActor("alice", false, Principals.EveryoneOnly), new ArticleDraft("Printers", ""), null, Ct);
        var cut = Render<ArticleEditorPage>(p => p.Add(c => c.ArticleId, article.Id));
        cut.WaitForElement("#article-body");

        await cut.Find("#article-body").InputAsync("## Floors\n\nPrinters are on every floor. <script>alert(1)</script>");

        cut.WaitForAssertion(() => Assert.Contains("All changes saved", cut.Find("[data-testid=save-status]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("Printers are on every floor.", await StoredBodyAsync(article.Id));
        var preview = cut.Find("[data-testid=article-preview]");
        Assert.Equal("Floors", preview.QuerySelector("h2")!.TextContent);
        Assert.Empty(preview.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", preview.TextContent);
    }

    [Fact]
    public async Task A_draft_someone_else_saved_meanwhile_is_not_overwritten_and_the_writer_keeps_their_text()
    {
        var alice = new ArticleActor("alice", false, Principals.EveryoneOnly);
        var article = await Workflow.CreateAsync(alice, new ArticleDraft("Lockers", "Lockers are on level 2."), null, Ct);
        var cut = Render<ArticleEditorPage>(p => p.Add(c => c.ArticleId, article.Id));
        cut.WaitForElement("#article-body");

        // Bob saves from his own screen while Alice's is open.
        var bob = new ArticleActor("bob", false, Principals.EveryoneOnly);
        Assert.False((await Workflow.SaveDraftAsync(bob, article.Id, article.Revision, new ArticleDraft("Lockers", "Bob: lockers moved to level 3."), Ct)).Conflict);

        await cut.Find("#article-body").InputAsync("Alice: lockers are on level 2, next to the lifts.");

        cut.WaitForAssertion(() => Assert.Contains("Bob Berg saved this article", cut.Find("[data-testid=save-conflict]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("Bob: lockers moved to level 3.", await StoredBodyAsync(article.Id));
        Assert.Equal("Alice: lockers are on level 2, next to the lifts.", cut.Find("#article-body").GetAttribute("value") ?? cut.Find("#article-body").TextContent);

        await cut.Find("button[data-testid=keep-mine]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=save-conflict]")));
        Assert.Equal("Alice: lockers are on level 2, next to the lifts.", await StoredBodyAsync(article.Id));
    }
}
