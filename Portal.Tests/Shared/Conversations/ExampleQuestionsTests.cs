using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Shared.Conversations;

/// <summary>The Ask page's example questions come from the knowledge base the reader may see, never from a sample corpus.</summary>
public class ExampleQuestionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SearchFilter Engineering = new(Principals.ForGroups(["Engineering"]));

    [Fact]
    public async Task An_empty_knowledge_base_offers_no_question()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();

        Assert.Empty(await Examples(kb).ForAsync(SearchFilter.Everyone, 3, Ct));
    }

    [Fact]
    public async Task Without_history_the_titles_of_readable_documents_become_questions()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        await kb.IngestAsync(
            Markdown("travel.md", "# Travel policy\n\nTrain tickets are booked through the travel desk."),
            Markdown("salaries.md", "# Salary bands\n\nSenior engineers earn between 150,000 and 190,000 euros.", "HR"));

        var forEngineering = await Examples(kb).ForAsync(Engineering, 3, Ct);
        var forHr = await Examples(kb).ForAsync(new SearchFilter(Principals.ForGroups(["HR"])), 3, Ct);

        Assert.Equal(["What does Travel policy cover?"], forEngineering);
        Assert.Contains("What does Salary bands cover?", forHr);
        Assert.Contains("What does Travel policy cover?", forHr);
    }

    [Fact]
    public async Task Questions_several_people_got_answered_come_first_and_only_when_their_sources_are_readable()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        await kb.IngestAsync(
            Markdown("travel.md", "# Travel policy\n\nTrain tickets are booked through the travel desk, at least a week ahead."),
            Markdown("salaries.md", "# Salary bands\n\nSenior engineers earn between 150,000 and 190,000 euros a year.", "HR"));
        var store = new ConversationStore(kb.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>(), TimeProvider.System);
        var alice = await AddUserAsync(kb, "alice@example.com");
        var bob = await AddUserAsync(kb, "bob@example.com");
        var hr = new SearchFilter(Principals.ForGroups(["HR"]));
        await AskAndSaveAsync(kb, store, alice, "How do I book a train ticket?", SearchFilter.Everyone);
        await AskAndSaveAsync(kb, store, bob, "how do I book a train ticket", SearchFilter.Everyone);
        await AskAndSaveAsync(kb, store, alice, "What do senior engineers earn?", hr);
        await AskAndSaveAsync(kb, store, bob, "What do senior engineers earn?", hr);
        // Asked twice by one person only: it stays that person's question.
        await AskAndSaveAsync(kb, store, alice, "When must train tickets be booked?", SearchFilter.Everyone);
        await AskAndSaveAsync(kb, store, alice, "When must train tickets be booked?", SearchFilter.Everyone);

        var forEngineering = await Examples(kb).ForAsync(Engineering, 3, Ct);
        var forHr = await Examples(kb).ForAsync(hr, 3, Ct);

        Assert.Equal("how do I book a train ticket", forEngineering[0]);
        Assert.DoesNotContain(forEngineering, q => q.Contains("earn", StringComparison.Ordinal));
        Assert.DoesNotContain(forEngineering, q => q.Contains("When must", StringComparison.Ordinal));
        Assert.Contains("What do senior engineers earn?", forHr);
    }

    private static ExampleQuestions Examples(TestKnowledgeBase kb) =>
        new(kb.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>(), TimeProvider.System);

    private static DocumentSubmission Markdown(string name, string text, params string[] audience) =>
        new(name, Encoding.UTF8.GetBytes(text), audience.Length == 0 ? null : audience);

    private static async Task AskAndSaveAsync(TestKnowledgeBase kb, ConversationStore store, string userId, string question, SearchFilter filter)
    {
        var answer = await kb.AskAsync(question, filter);
        if (answer.NotFound)
        {
            // Seen once under a loaded full run and never alone: say which step let it down.
            await using var db = await kb.DbAsync();
            var documents = await db.Documents.AsNoTracking().Select(d => $"{d.Name}: {d.Status} {d.Error} ({d.ChunkCount} chunks)").ToListAsync(Ct);
            var evidence = ExtractiveAnswerer.Assess(question, answer.Sources);
            Assert.Fail($"'{question}' should be answered from the test documents; {answer.Sources.Count} sources, "
                + $"evidence {evidence.Score:F3} (similarity {evidence.TopSimilarity:F3}, coverage {evidence.TermCoverage:F3}); documents: {string.Join("; ", documents)}");
        }
        await store.AppendAsync(userId, null, question, null, answer, stopped: false, Ct);
    }

    private static async Task<string> AddUserAsync(TestKnowledgeBase kb, string email)
    {
        await using var db = await kb.DbAsync();
        var user = new PortalUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }
}
