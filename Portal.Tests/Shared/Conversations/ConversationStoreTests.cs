using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Shared.Conversations;

public class ConversationStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> AddUserAsync(TestKnowledgeBase kb, string email)
    {
        await using var db = await kb.DbAsync();
        var user = new PortalUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }

    [Fact]
    public async Task History_is_private_keeps_citations_and_withholds_answers_whose_source_became_unreadable()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var salaries = new DocumentSubmission("salaries.txt", Encoding.UTF8.GetBytes("Senior engineers earn between 150,000 and 190,000 euros a year."));
        await kb.IngestAsync(salaries);
        var store = new ConversationStore(kb.Services.GetRequiredService<IDbContextFactory<KnowledgePortal.Shared.Storage.KnowledgeDbContext>>(), TimeProvider.System);
        var alice = await AddUserAsync(kb, "alice@example.com");
        var bob = await AddUserAsync(kb, "bob@example.com");
        var answer = await kb.AskAsync("What do senior engineers earn?");
        Assert.NotEmpty(answer.Citations);

        var saved = await store.AppendAsync(alice, null, "What do senior engineers earn?", null, answer, stopped: false, Ct);

        var (conversationId, _) = saved!.Value;
        var view = await store.GetAsync(alice, conversationId, SearchFilter.Everyone, Ct);
        var message = Assert.Single(view!.Messages);
        Assert.False(message.Withheld);
        Assert.Contains("190,000", message.Answer);
        Assert.Equal("salaries.txt", message.Citations[0].DocumentName);
        Assert.Null(await store.GetAsync(bob, conversationId, SearchFilter.Everyone, Ct));
        Assert.Empty(await store.ListAsync(bob, Ct));
        Assert.Null(await store.AppendAsync(bob, conversationId, "mine now?", null, answer, false, Ct));

        // The document becomes HR-only: Alice, not in HR, no longer sees what it said.
        await kb.Intake.SubmitAsync(salaries with { Audience = ["HR"] }, Ct);
        var later = await store.GetAsync(alice, conversationId, SearchFilter.Everyone, Ct);
        var withheld = Assert.Single(later!.Messages);
        Assert.True(withheld.Withheld);
        Assert.Empty(withheld.Answer);
        Assert.Empty(withheld.Citations);
        var asHr = await store.GetAsync(alice, conversationId, new SearchFilter(Principals.ForGroups(["HR"])), Ct);
        Assert.False(asHr!.Messages[0].Withheld);
    }

    [Fact]
    public async Task Feedback_keeps_its_copy_after_the_conversation_is_deleted_and_only_the_owner_can_give_it()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        await kb.IngestAsync(new DocumentSubmission("travel.txt", Encoding.UTF8.GetBytes("Book economy flights for trips shorter than six hours.")));
        var store = new ConversationStore(kb.Services.GetRequiredService<IDbContextFactory<KnowledgePortal.Shared.Storage.KnowledgeDbContext>>(), TimeProvider.System);
        var feedback = new FeedbackStore(kb.Services.GetRequiredService<IDbContextFactory<KnowledgePortal.Shared.Storage.KnowledgeDbContext>>(), TimeProvider.System);
        var alice = await AddUserAsync(kb, "alice@example.com");
        var bob = await AddUserAsync(kb, "bob@example.com");
        var answer = await kb.AskAsync("Which class do I fly on short trips?");
        var (conversationId, messageId) = (await store.AppendAsync(alice, null, "Which class do I fly on short trips?", null, answer, false, Ct))!.Value;

        Assert.False(await feedback.RecordAsync(bob, messageId, false, FeedbackReason.Wrong, null, Ct));
        Assert.True(await feedback.RecordAsync(alice, messageId, false, FeedbackReason.Wrong, "  Business class is allowed now.  ", Ct));
        Assert.True(await store.RenameAsync(alice, conversationId, "Flights", Ct));
        Assert.Equal("Flights", (await store.ListAsync(alice, Ct))[0].Title);
        Assert.True(await store.DeleteAsync(alice, conversationId, Ct));

        await using var db = await kb.DbAsync();
        var kept = await db.Feedback.SingleAsync(Ct);
        Assert.Null(kept.MessageId);
        Assert.Equal("Which class do I fly on short trips?", kept.Question);
        Assert.Equal(answer.Text, kept.Answer);
        Assert.Equal("Business class is allowed now.", kept.Comment);
        Assert.Equal(string.Join(',', answer.Citations.Select(c => c.Passage.ChunkId)), kept.CitedChunkIds);
        Assert.Empty(await store.ListAsync(alice, Ct));
    }
}
