using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>Asking questions of a real ingested knowledge base, through the host's composition.</summary>
public sealed class QuestionAnswererTests(KnowledgeBaseFixture knowledgeBase) : IClassFixture<KnowledgeBaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<AnswerEvent>> StreamAsync(QuestionAnswerer answerer, AnswerRequest request, CancellationToken cancellationToken)
    {
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in answerer.StreamAsync(request, cancellationToken))
        {
            events.Add(answerEvent);
        }
        AnswerHarness.AssertOrder(events);
        return events;
    }

    [Fact]
    public async Task Without_a_model_answers_by_quoting_the_documents()
    {
        using var host = await knowledgeBase.StartHostAsync(chat: null, Ct);
        var answerer = host.Services.GetRequiredService<QuestionAnswerer>();

        var answer = await answerer.AskAsync("How often does Northwind Standard cover dental cleanings?", SearchFilter.Everyone, Ct);

        Assert.False(answer.NotFound);
        Assert.Null(answer.Notice);
        Assert.Contains("dental cleanings twice a year", answer.Text, StringComparison.Ordinal);
        var citation = Assert.Single(answer.Citations, c => c.Quote.Contains("dental cleanings twice a year", StringComparison.Ordinal));
        Assert.Equal(KnowledgeBaseFixture.BenefitsDocument, citation.Passage.DocumentName);
        Assert.Same(answer.Sources[citation.Number - 1], citation.Passage);
    }

    [Fact]
    public async Task Without_a_model_the_only_source_is_1_even_when_retrieval_ranked_it_lower()
    {
        using var host = await knowledgeBase.StartHostAsync(chat: null, Ct);
        var extractive = host.Services.GetRequiredService<ExtractiveAnswerer>();
        var passages = new[]
        {
            TestPassages.Create("The cafeteria opens at eight and serves breakfast until ten.", "canteen.md"),
            TestPassages.Create("Parking permits are issued by facilities at the front desk.", "parking.md"),
            TestPassages.Create("Northwind Standard covers dental cleanings twice a year.", "benefits.md"),
        };

        var answer = await extractive.AnswerAsync("How often does Northwind Standard cover dental cleanings?", passages, Ct);

        var citation = Assert.Single(answer.Citations);
        Assert.Equal(1, citation.Number);
        Assert.Equal("benefits.md", citation.Passage.DocumentName);
        Assert.EndsWith("[1]", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_a_follow_up_is_searched_with_the_earlier_question_in_mind()
    {
        using var host = await knowledgeBase.StartHostAsync(chat: null, Ct);
        var answerer = host.Services.GetRequiredService<QuestionAnswerer>();
        var request = new AnswerRequest("and glasses?", SearchFilter.Everyone)
        {
            History = [new ConversationTurn("What vision care does Northwind Standard cover?", "One eye exam a year [1].")],
        };

        var events = await StreamAsync(answerer, request, Ct);

        var sources = Assert.IsType<AnswerSourcesEvent>(events[0]);
        Assert.Equal("What vision care does Northwind Standard cover? and glasses?", sources.SearchQuery);
        var answer = AnswerHarness.Completed(events).Answer;
        Assert.False(answer.NotFound);
        Assert.Contains("glasses", answer.Text, StringComparison.Ordinal);
        Assert.Equal(answer.Text, Assert.Single(AnswerHarness.Deltas(events)));
    }

    [Fact]
    public async Task Nobody_gets_an_answer_from_a_document_they_may_not_read()
    {
        using var host = await knowledgeBase.StartHostAsync(chat: null, Ct);
        var answerer = host.Services.GetRequiredService<QuestionAnswerer>();
        const string question = "What are senior engineers paid?";

        var employee = await answerer.AskAsync(question, SearchFilter.Everyone, Ct);
        var hr = await answerer.AskAsync(question, new SearchFilter(Principals.ForGroups(["HR"])), Ct);

        Assert.True(employee.NotFound);
        Assert.DoesNotContain(employee.Sources, p => p.DocumentName == KnowledgeBaseFixture.SalariesDocument);
        Assert.False(hr.NotFound);
        Assert.Contains(hr.Citations, c => c.Passage.DocumentName == KnowledgeBaseFixture.SalariesDocument);
    }

    [Fact]
    public async Task Without_a_model_a_question_about_a_role_the_documents_lack_says_which_role_they_describe()
    {
        using var host = await knowledgeBase.StartHostAsync(chat: null, Ct);
        var answerer = host.Services.GetRequiredService<QuestionAnswerer>();
        var managers = new SearchFilter(Principals.ForGroups([KnowledgeBaseFixture.ManagersGroup]));

        var absent = await answerer.AskAsync("What are the responsibilities of the Manager of Software Engineering?", managers, Ct);
        var present = await answerer.AskAsync("What are the responsibilities of the Manager of Product Management?", managers, Ct);

        // The nearest passages are about the other role, and the extractive answer quotes them.
        Assert.False(absent.NotFound);
        Assert.Contains(absent.Citations, c => c.Passage.DocumentName == KnowledgeBaseFixture.RolesDocument);
        Assert.Equal("The documents describe Manager of Product Management, not Manager of Software Engineering.", absent.Notice);
        Assert.False(present.NotFound);
        Assert.Null(present.Notice);
    }

    [Fact]
    public async Task With_a_model_the_follow_up_is_rewritten_by_it_and_the_answer_streamed_with_checked_citations()
    {
        await using var server = LoopbackChatServer.Start(exchange => exchange.Request.Streamed
            ? exchange.StreamOpenAiAsync(["Braces are not covered by Northwind Standard [1", "]. Ask HR about exceptions [42]."])
            : exchange.CompleteOpenAiAsync("Does Northwind Standard cover orthodontic braces?"));
        using var host = await knowledgeBase.StartHostAsync(AnswerHarness.OpenAi(server.BaseAddress), Ct);
        var answerer = host.Services.GetRequiredService<QuestionAnswerer>();
        var request = new AnswerRequest("what about braces?", SearchFilter.Everyone)
        {
            History = [new ConversationTurn("What dental care does Northwind Standard cover?", "Cleanings twice a year [1].")],
        };

        var events = await StreamAsync(answerer, request, Ct);

        var sources = Assert.IsType<AnswerSourcesEvent>(events[0]);
        Assert.Equal("Does Northwind Standard cover orthodontic braces?", sources.SearchQuery);
        Assert.All(sources.Sources, p => Assert.Equal(KnowledgeBaseFixture.BenefitsDocument, p.DocumentName));
        var answer = AnswerHarness.Completed(events).Answer;
        Assert.Equal("Braces are not covered by Northwind Standard [1]. Ask HR about exceptions.", answer.Text);
        Assert.Equal(answer.Text, string.Concat(AnswerHarness.Deltas(events)));
        var citation = Assert.Single(answer.Citations);
        Assert.Equal("Orthodontic treatment such as braces is not covered by Northwind Standard.", citation.Quote);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.False(requests[0].Streamed);
        var prompt = requests[1].Messages[^1].Content;
        Assert.Contains("<source id=\"1\" document=\"Northwind Standard benefits\"", prompt, StringComparison.Ordinal);
        Assert.Contains("Orthodontic treatment such as braces is not covered", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Senior engineers", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_before_the_sources_are_found_ends_the_stream_in_order_and_without_an_exception()
    {
        using var host = await knowledgeBase.StartHostAsync(chat: null, Ct);
        var answerer = host.Services.GetRequiredService<QuestionAnswerer>();
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        var events = await StreamAsync(answerer, new AnswerRequest("How often are dental cleanings covered?", SearchFilter.Everyone), stopped.Token);

        Assert.Empty(Assert.IsType<AnswerSourcesEvent>(events[0]).Sources);
        var completed = AnswerHarness.Completed(events);
        Assert.True(completed.Stopped);
        Assert.Equal(string.Empty, completed.Answer.Text);
        // A caller waiting for the whole answer gets the usual cancellation instead of part of one.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => answerer.AskAsync("How often are dental cleanings covered?", SearchFilter.Everyone, stopped.Token));
    }
}
