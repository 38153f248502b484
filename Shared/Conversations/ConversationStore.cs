using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Conversations;

/// <summary>People's conversations. Every method takes the owner's id: nobody reads or changes another person's history.</summary>
public sealed class ConversationStore(IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time)
{
    private const int TitleLength = 80;

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Conversations.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderByDescending(c => c.UpdatedAt)
            .Select(c => new ConversationSummary(c.Id, c.Title, c.UpdatedAt, c.Messages.Count))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The conversation with what its owner may read today; null when it is not theirs or does not exist.</summary>
    public async Task<ConversationView?> GetAsync(string userId, Guid conversationId, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await context.Conversations.AsNoTracking()
            .Include(c => c.Messages).ThenInclude(m => m.Citations)
            .FirstOrDefaultAsync(c => c.Id == conversationId && c.UserId == userId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }
        var documentIds = conversation.Messages.SelectMany(m => m.Citations).Select(c => c.DocumentId).Distinct().ToList();
        var documents = await context.Documents.AsNoTracking()
            .Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.Title, d.Kind, Audience = d.Audience.Select(a => a.Principal).ToList() })
            .ToListAsync(cancellationToken);
        var readable = documents
            .Where(d => filter.AllowsAudience(d.Audience) && filter.AllowsDocument(d.Id, d.Kind))
            .ToDictionary(d => d.Id);

        var messages = conversation.Messages.OrderBy(m => m.Ordinal).Select(m =>
        {
            var withheld = m.Citations.Any(c => !readable.ContainsKey(c.DocumentId));
            var citations = withheld
                ? []
                : m.Citations.OrderBy(c => c.Number).Select(c =>
                {
                    var document = readable[c.DocumentId];
                    return new CitationView(c.Number, c.DocumentId, document.Name, document.Title, c.ChunkId, c.PageStart, c.PageEnd, c.Quote, document.Kind);
                }).ToList();
            return new MessageView(m.Id, m.Question, withheld ? string.Empty : m.Answer, m.NotFound, m.Stopped, m.Notice, withheld, m.CreatedAt, citations);
        }).ToList();
        return new ConversationView(conversation.Id, conversation.Title, messages);
    }

    /// <summary>Saves a question and its answer, starting a conversation (titled by the question) when none is given.</summary>
    /// <returns>The conversation and the new message, or null when <paramref name="conversationId"/> is not the user's.</returns>
    public async Task<(Guid ConversationId, long MessageId)?> AppendAsync(
        string userId, Guid? conversationId, string question, string? searchQuery, Answer answer, bool stopped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var now = time.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        Conversation? conversation;
        if (conversationId is { } id)
        {
            conversation = await context.Conversations.FirstOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);
            if (conversation is null)
            {
                return null;
            }
        }
        else
        {
            conversation = new Conversation { Id = Guid.CreateVersion7(), UserId = userId, Title = TitleFrom(question), CreatedAt = now };
            context.Conversations.Add(conversation);
        }
        conversation.UpdatedAt = now;
        var ordinal = await context.ConversationMessages.CountAsync(m => m.ConversationId == conversation.Id, cancellationToken);
        var message = new ConversationMessage
        {
            ConversationId = conversation.Id,
            Ordinal = ordinal,
            Question = question,
            SearchQuery = searchQuery,
            Answer = answer.Text,
            NotFound = answer.NotFound,
            EvidenceScore = answer.NotFound ? null : Answering.ExtractiveAnswerer.Assess(searchQuery ?? question, answer.Sources).Score,
            Stopped = stopped,
            Notice = answer.Notice,
            CreatedAt = now,
            Citations = [.. answer.Citations.Select(c => new MessageCitation
            {
                Number = c.Number,
                DocumentId = c.Passage.DocumentId,
                ChunkId = c.Passage.ChunkId,
                PageStart = c.Passage.PageStart,
                PageEnd = c.Passage.PageEnd,
                Quote = c.Quote,
            })],
        };
        context.ConversationMessages.Add(message);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (conversation.Id, message.Id);
    }

    public async Task<bool> RenameAsync(string userId, Guid conversationId, string title, CancellationToken cancellationToken)
    {
        var clean = TitleFrom(title);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Conversations
            .Where(c => c.Id == conversationId && c.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, clean), cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Conversations
            .Where(c => c.Id == conversationId && c.UserId == userId)
            .ExecuteDeleteAsync(cancellationToken) == 1;
    }

    private static string TitleFrom(string text)
    {
        var title = Text.TextNormalizer.CollapseWhitespace(text);
        return title.Length <= TitleLength ? (title.Length == 0 ? "Untitled" : title) : title[..(TitleLength - 1)].TrimEnd() + "…";
    }
}
