using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>The rule used without a chat model; the model path is tested against a real HTTP server in <see cref="OpenAiAnswerTests"/>.</summary>
public sealed class FollowUpRewriterTests
{
    private static readonly ConversationTurn CostTurn = new("How much does the Northwind Standard plan cost?", "It costs $45 a month [1].");

    [Theory]
    [InlineData("what about dental?")]
    [InlineData("And for that plan?")]
    [InlineData("How about the deductible?")]
    [InlineData("dental?")]
    [InlineData("Does that cover orthodontics?")]
    [InlineData("How do I enrol in it?")]
    [InlineData("why?")]
    public void Treats_short_or_referring_questions_as_follow_ups(string question)
    {
        Assert.True(FollowUpRewriter.IsFollowUp(question));
    }

    [Theory]
    [InlineData("How do I get reimbursed for a gym membership through PerksPlus?")]
    [InlineData("Can I carry over unused vacation days?")]
    [InlineData("Is there a policy that covers remote work equipment?")]
    public void Leaves_questions_that_stand_alone(string question)
    {
        Assert.False(FollowUpRewriter.IsFollowUp(question));
        Assert.Equal(question, FollowUpRewriter.RewriteWithoutModel(question, [CostTurn]));
    }

    [Fact]
    public void A_follow_up_is_searched_after_the_question_it_follows()
    {
        Assert.Equal(
            "How much does the Northwind Standard plan cost? what about dental?",
            FollowUpRewriter.RewriteWithoutModel("what about dental?", [CostTurn]));
    }

    [Fact]
    public void A_chain_of_follow_ups_keeps_the_topic_question_not_the_earlier_follow_ups()
    {
        ConversationTurn[] history = [CostTurn, new("what about dental?", "Dental costs $10 more [2].")];

        Assert.Equal(
            "How much does the Northwind Standard plan cost? and vision?",
            FollowUpRewriter.RewriteWithoutModel("and vision?", history));
    }

    [Fact]
    public void The_latest_question_that_stood_alone_is_the_topic()
    {
        ConversationTurn[] history = [CostTurn, new("Can I carry over unused vacation days?", "Up to five [1].")];

        Assert.Equal(
            "Can I carry over unused vacation days? and sick days?",
            FollowUpRewriter.RewriteWithoutModel("and sick days?", history));
    }

    [Fact]
    public void A_topic_question_too_long_to_repeat_lends_a_bounded_number_of_its_words()
    {
        var wordy = new ConversationTurn(
            "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima " + new string('x', 300) + "?", "No.");

        var rewritten = FollowUpRewriter.RewriteWithoutModel("why?", [wordy]);

        Assert.Equal("why? alpha bravo charlie delta echo foxtrot golf hotel", rewritten);
        Assert.Equal(FollowUpRewriter.MaxCarriedTerms, rewritten.Split(' ').Length - 1);
    }

    [Fact]
    public void What_earlier_turns_add_never_takes_the_search_past_the_query_length_limit()
    {
        var longest = "and " + string.Join(' ', Enumerable.Repeat("coverage", (QueryLength.Max - 4) / 9));
        var topic = new ConversationTurn("How much does the Northwind Standard plan cost for a family of four people?", "It depends.");
        // An earlier "question" of one 7,000-letter word: what a client sending its own history can make up.
        var smuggled = new ConversationTurn("premium" + new string('x', 7000) + " dental vision?", "No.");

        foreach (var (question, history) in new[] { (longest, topic), (longest, smuggled), ("why?", smuggled) })
        {
            var rewritten = FollowUpRewriter.RewriteWithoutModel(question, [history]);
            Assert.Contains(question, rewritten, StringComparison.Ordinal);
            Assert.Null(QueryLength.Problem("query", rewritten));
        }
        Assert.Equal("why? dental vision", FollowUpRewriter.RewriteWithoutModel("why?", [smuggled]));
    }

    [Fact]
    public async Task Without_a_chat_model_the_first_question_is_searched_as_typed_and_a_follow_up_by_the_rule()
    {
        var rewriter = new FollowUpRewriter(
            Options.Create(new ChatModelOptions()), NullLogger<FollowUpRewriter>.Instance, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("what about dental?", await rewriter.RewriteAsync("what about dental?", [], ct));
        Assert.Equal(
            "How much does the Northwind Standard plan cost? what about dental?",
            await rewriter.RewriteAsync("what about dental?", [CostTurn], ct));
    }
}
