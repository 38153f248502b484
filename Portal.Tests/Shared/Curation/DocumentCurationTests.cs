using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Shared.Curation;

/// <summary>Editors curate raw documents on a real knowledge base: hidden from answers, outdated, pinned to questions.</summary>
public class DocumentCurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ArticleActor Editor = new("editor", IsAdmin: false, Principals.EveryoneOnly);

    private const string Travel = "# Travel booking\n\n## Booking trips\n\nBook every business trip through the Skyward travel portal at least two weeks ahead; trains are preferred under four hours.\n";
    private const string Expenses = "# Expense rules\n\n## Travel costs\n\nTravel costs are reimbursed after the trip when the receipts are uploaded within thirty days.\n";
    private const string Board = "# Board travel\n\n## Booking trips for the board\n\nBoard members book trips through the executive assistant, who uses the Skyward travel portal.\n";

    private static async Task<(TestKnowledgeBase Kb, Guid Travel, Guid Expenses, Guid Board)> KnowledgeBaseAsync()
    {
        var kb = await TestKnowledgeBase.CreateAsync();
        var ids = await kb.IngestAsync(
            new DocumentSubmission("travel.md", Encoding.UTF8.GetBytes(Travel)),
            new DocumentSubmission("expenses.md", Encoding.UTF8.GetBytes(Expenses)),
            new DocumentSubmission("board-travel.md", Encoding.UTF8.GetBytes(Board), ["Board"]));
        return (kb, ids[0].DocumentId!.Value, ids[1].DocumentId!.Value, ids[2].DocumentId!.Value);
    }

    private static DocumentCuration Curation(TestKnowledgeBase kb) => kb.Services.GetRequiredService<DocumentCuration>();

    [Fact]
    public async Task A_document_hidden_from_answers_is_never_cited_but_search_still_finds_it()
    {
        var (kb, travel, _, _) = await KnowledgeBaseAsync();
        await using var _kb = kb;
        Assert.Contains((await kb.AskAsync("How do I book a business trip?")).Citations, c => c.Passage.DocumentId == travel);

        await Curation(kb).SetHiddenFromAnswersAsync(Editor, travel, hidden: true, Ct);

        var answer = await kb.AskAsync("How do I book a business trip?");
        Assert.DoesNotContain(answer.Sources, p => p.DocumentId == travel);
        Assert.Contains(await kb.SearchAsync("How do I book a business trip?"), p => p.DocumentId == travel);
        Assert.True((await Curation(kb).StateAsync(Editor, travel, Ct))!.HiddenFromAnswers);
    }

    [Fact]
    public async Task An_outdated_document_is_still_cited_with_its_badge()
    {
        var (kb, travel, expenses, _) = await KnowledgeBaseAsync();
        await using var _kb = kb;

        await Curation(kb).SetOutdatedAsync(Editor, travel, outdated: true, Ct);

        Assert.Contains((await kb.AskAsync("How do I book a business trip?")).Citations, c => c.Passage.DocumentId == travel);
        var badges = await kb.Services.GetRequiredService<SourceBadges>().ForAsync([travel, expenses], Ct);
        Assert.True(badges[travel].Outdated);
        Assert.Null(badges[travel].Article);
        Assert.False(badges.ContainsKey(expenses));

        await Curation(kb).SetOutdatedAsync(Editor, travel, outdated: false, Ct);
        Assert.Empty(await kb.Services.GetRequiredService<SourceBadges>().ForAsync([travel], Ct));
    }

    [Fact]
    public async Task A_pinned_document_ranks_first_for_questions_like_the_pin_within_the_readers_audience_and_scope()
    {
        var (kb, travel, expenses, board) = await KnowledgeBaseAsync();
        await using var _kb = kb;
        const string Question = "How do I book a business trip?";
        Assert.Equal(travel, (await kb.SearchAsync(Question))[0].DocumentId);
        const string Unlike = "When are receipts for travel costs uploaded?";
        var boardFilter = new SearchFilter(Principals.ForGroups(["Board"]));
        var unlikeBefore = (await kb.SearchAsync(Unlike, boardFilter)).Select(p => p.DocumentId).ToList();

        await Curation(kb).PinAsync(Editor, expenses, "booking a business trip", Ct);
        await Curation(kb).PinAsync(ArticleActor.CommandLine, board, "How do I book a business trip?", Ct);

        var everyone = await kb.SearchAsync(Question);
        Assert.Equal(expenses, everyone[0].DocumentId);
        Assert.DoesNotContain(everyone, p => p.DocumentId == board);
        var boardMember = await kb.SearchAsync(Question, new SearchFilter(Principals.ForGroups(["Board"])));
        Assert.Equal([board, expenses], boardMember.Take(2).Select(p => p.DocumentId));
        var scoped = await kb.SearchAsync(Question, new SearchFilter(Principals.EveryoneOnly, DocumentIds: [travel]));
        Assert.All(scoped, p => Assert.Equal(travel, p.DocumentId));
        // A question unlike the pins is ranked as usual.
        Assert.Equal(unlikeBefore, (await kb.SearchAsync(Unlike, boardFilter)).Select(p => p.DocumentId));

        var pin = Assert.Single((await Curation(kb).StateAsync(Editor, expenses, Ct))!.Pins);
        await Curation(kb).UnpinAsync(Editor, pin.Id, Ct);
        Assert.Equal(travel, (await kb.SearchAsync(Question))[0].DocumentId);
    }

    [Fact]
    public async Task An_editor_cannot_curate_a_document_they_may_not_read()
    {
        var (kb, _, _, board) = await KnowledgeBaseAsync();
        await using var _kb = kb;

        Assert.Null(await Curation(kb).StateAsync(Editor, board, Ct));
        await Assert.ThrowsAsync<ArticleNotFoundException>(() => Curation(kb).SetHiddenFromAnswersAsync(Editor, board, true, Ct));
        await Assert.ThrowsAsync<ArticleNotFoundException>(() => Curation(kb).PinAsync(Editor, board, "anything", Ct));
    }
}
