using Bunit;
using KnowledgePortal.Portal.Components.Pages.Ask;
using KnowledgePortal.Shared.Conversations;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KnowledgePortal.Tests.Portal.Components.Ask;

public class FeedbackControlTests : BunitContext
{
    private readonly List<FeedbackSubmission> submitted = [];

    public FeedbackControlTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<FeedbackControl> RenderControl(bool accept = true) => Render<FeedbackControl>(p => p
        .Add(c => c.MessageId, 7)
        .Add(c => c.OnSubmit, submission =>
        {
            submitted.Add(submission);
            return Task.FromResult(accept);
        }));

    [Fact]
    public async Task Feedback_given_earlier_is_shown_instead_of_the_question_and_can_be_changed()
    {
        var cut = Render<FeedbackControl>(p => p
            .Add(c => c.MessageId, 7)
            .Add(c => c.Given, new GivenFeedback(false, FeedbackReason.Wrong))
            .Add(c => c.OnSubmit, _ => Task.FromResult(true)));

        Assert.Equal("You said this answer did not help (Wrong).", cut.Find("[data-testid=feedback-thanks]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=thumbs-down]"));
        Assert.DoesNotContain("Was this helpful?", cut.Markup);

        await cut.Find("button[data-testid=feedback-change]").ClickAsync();
        Assert.NotNull(cut.Find("button[data-testid=thumbs-down]"));
    }

    [Fact]
    public async Task Thumbs_up_is_sent_at_once_and_thanked()
    {
        var cut = RenderControl();

        await cut.Find("[data-testid=thumbs-up] button, button[data-testid=thumbs-up]").ClickAsync();

        Assert.Equal([new FeedbackSubmission(true, null, null)], submitted);
        Assert.NotNull(cut.Find("[data-testid=feedback-thanks]"));
        Assert.Empty(cut.FindAll("[data-testid=thumbs-down]"));
    }

    [Fact]
    public async Task Thumbs_down_asks_why_and_sends_the_reason_and_comment()
    {
        var cut = RenderControl();

        await cut.Find("button[data-testid=thumbs-down]").ClickAsync();
        Assert.Empty(submitted);
        await cut.Find("[data-testid=reason-outdated]").ClickAsync();
        await cut.Find("input[id=feedback-comment-7], textarea[id=feedback-comment-7]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "The limit changed." });
        await cut.Find("button[data-testid=feedback-send]").ClickAsync();

        var feedback = Assert.Single(submitted);
        Assert.False(feedback.Helpful);
        Assert.Equal(FeedbackReason.Outdated, feedback.Reason);
        Assert.Equal("The limit changed.", feedback.Comment);
        Assert.NotNull(cut.Find("[data-testid=feedback-thanks]"));
    }

    [Fact]
    public async Task Feedback_that_could_not_be_saved_is_not_thanked()
    {
        var cut = RenderControl(accept: false);

        await cut.Find("button[data-testid=thumbs-up]").ClickAsync();

        Assert.Single(submitted);
        Assert.Empty(cut.FindAll("[data-testid=feedback-thanks]"));
        Assert.NotEmpty(cut.FindAll("button[data-testid=thumbs-up]"));
    }
}
