using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Conversations;

/// <summary>Records thumbs up/down on answers, with a copy of what was asked, answered and cited.</summary>
public sealed class FeedbackStore(IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time)
{
    private const int CommentLength = 2000;

    /// <summary>Records (or replaces) the user's feedback on one of their answers; false when the answer is not theirs.</summary>
    public async Task<bool> RecordAsync(
        string userId, long messageId, bool helpful, FeedbackReason? reason, string? comment, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var message = await context.ConversationMessages.AsNoTracking()
            .Include(m => m.Citations)
            .Where(m => m.Id == messageId && context.Conversations.Any(c => c.Id == m.ConversationId && c.UserId == userId))
            .FirstOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return false;
        }
        var feedback = await context.Feedback.FirstOrDefaultAsync(f => f.MessageId == messageId && f.UserId == userId, cancellationToken);
        if (feedback is null)
        {
            feedback = new AnswerFeedback { UserId = userId, MessageId = messageId, Question = message.Question, Answer = message.Answer };
            context.Feedback.Add(feedback);
        }
        feedback.Helpful = helpful;
        feedback.Reason = helpful ? null : reason;
        var trimmed = comment?.Trim();
        feedback.Comment = string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, CommentLength)];
        feedback.CitedChunkIds = string.Join(',', message.Citations.OrderBy(c => c.Number).Select(c => c.ChunkId));
        feedback.CreatedAt = time.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The feedback the user gave on any of these answers, by answer.</summary>
    public async Task<IReadOnlyDictionary<long, GivenFeedback>> GivenAsync(string userId, IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return new Dictionary<long, GivenFeedback>();
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var given = await context.Feedback.AsNoTracking()
            .Where(f => f.UserId == userId && f.MessageId != null && messageIds.Contains(f.MessageId.Value))
            .Select(f => new { MessageId = f.MessageId!.Value, f.Helpful, f.Reason })
            .ToListAsync(cancellationToken);
        return given.ToDictionary(f => f.MessageId, f => new GivenFeedback(f.Helpful, f.Reason));
    }
}
