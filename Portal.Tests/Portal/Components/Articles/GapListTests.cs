using Bunit;
using KnowledgePortal.Portal.Components.Pages.Gaps;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Gaps;
using MudBlazor.Services;

namespace KnowledgePortal.Tests.Portal.Components.Articles;

public class GapListTests : BunitContext
{
    public GapListTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static KnowledgeGap Gap(string question, int notFound, params (string Question, FeedbackReason Reason)[] thumbsDown)
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var signals = Enumerable.Range(0, notFound).Select(i => new GapSignal(GapSignalKind.NotFound, i + 1, i == 0 ? question : $"{question} ({i})", at))
            .Concat(thumbsDown.Select((t, i) => new GapSignal(GapSignalKind.NegativeFeedback, 100 + i, t.Question, at, t.Reason)))
            .ToList();
        return new KnowledgeGap(question, signals.Count, at, [.. signals.Select(s => s.Question).Distinct()], notFound, 0,
            signals.Where(s => s.Reason is not null).GroupBy(s => s.Reason!.Value).ToDictionary(g => g.Key, g => g.Count()), signals);
    }

    [Fact]
    public void No_gap_says_where_gaps_come_from()
    {
        var cut = Render<GapList>(p => p.Add(c => c.Gaps, []));

        Assert.Contains("No open gaps", cut.Find("[data-testid=gaps-empty]").TextContent);
    }

    [Fact]
    public async Task A_gap_shows_its_count_kinds_reasons_and_questions_and_hands_itself_to_the_actions()
    {
        var gym = Gap("Is there a company gym?", 2, ("is there a gym at the office", FeedbackReason.Outdated));
        KnowledgeGap? written = null;
        KnowledgeGap? dismissed = null;
        var cut = Render<GapList>(p => p
            .Add(c => c.Gaps, [gym, Gap("Who painted the Mona Lisa?", 1)])
            .Add(c => c.OnWriteArticle, g => written = g)
            .Add(c => c.OnDismiss, g => dismissed = g));

        var cards = cut.FindAll("[data-testid=gap]");
        Assert.Equal(2, cards.Count);
        Assert.Equal("asked 3 times", cards[0].QuerySelector("[data-testid=gap-count]")!.TextContent.Trim());
        Assert.Contains("2 not found", cards[0].TextContent);
        Assert.Contains("1 marked unhelpful (outdated 1)", cards[0].TextContent);
        Assert.Equal(3, cards[0].QuerySelectorAll("[data-testid=gap-examples] li").Length);
        Assert.Equal("asked once", cards[1].QuerySelector("[data-testid=gap-count]")!.TextContent.Trim());
        Assert.Null(cards[1].QuerySelector("[data-testid=gap-examples]"));

        await cut.FindAll("button[data-testid=gap-write]")[0].ClickAsync();
        await cut.FindAll("button[data-testid=gap-dismiss]")[1].ClickAsync();
        Assert.Same(gym, written);
        Assert.Equal("Who painted the Mona Lisa?", dismissed!.Question);
    }
}
