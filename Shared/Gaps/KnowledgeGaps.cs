using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Gaps;

/// <summary>
/// The editors' queue of what the knowledge base lacks: questions answered "not found", answers given on
/// weak evidence and answers given a thumbs-down, grouped by meaning. Editors see the question text only, never who asked,
/// and never a thumbs-down on an answer that cited a document they may not read.
/// </summary>
public sealed class KnowledgeGaps(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    GapEmbeddings embeddings,
    ArticleWorkflow workflow,
    TimeProvider time,
    IOptions<GapsOptions> options,
    IOptions<AnsweringOptions> answering)
{
    private const int Examples = 5;

    private readonly GapsOptions options = options.Value;

    /// <summary>The open gaps the editor may see, the largest first.</summary>
    public async Task<IReadOnlyList<KnowledgeGap>> ListAsync(ArticleActor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var signals = await OpenSignalsAsync(editor, cancellationToken);
        if (signals.Count == 0)
        {
            return [];
        }
        var vectors = await embeddings.EmbedAsync([.. signals.Select(s => s.Question)], cancellationToken);
        var groups = GapClustering.Group([.. vectors], options.SimilarityThreshold);
        return [.. groups
            .Select(members => Describe([.. members.Select(i => signals[i])]))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.LastAskedAt)];
    }

    /// <summary>Closes the gap without an article, saying why (already covered, out of scope, a test question…).</summary>
    public async Task DismissAsync(ArticleActor editor, KnowledgeGap gap, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gap);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArticleRuleException("Say why the gap is dismissed, so other editors know.");
        }
        await DecideAsync(editor, gap, null, reason.Trim(), cancellationToken);
    }

    /// <summary>Starts a draft article for the gap, listing its questions, and closes the gap as answered by it.</summary>
    public async Task<Guid> WriteArticleAsync(ArticleActor editor, KnowledgeGap gap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var body = "## Questions people asked\n\n" + string.Join('\n', gap.Examples.Select(q => "- " + q.ReplaceLineEndings(" "))) + "\n\n## Answer\n\n";
        var title = gap.Question.ReplaceLineEndings(" ").Trim();
        title = title.Length > 200 ? title[..200] : title;
        Article? article = null;
        for (var attempt = 1; article is null; attempt++)
        {
            try
            {
                article = await workflow.CreateAsync(editor, new ArticleDraft(attempt == 1 ? title : $"{title} ({attempt})", body), null, cancellationToken);
            }
            catch (ArticleRuleException) when (attempt < 5)
            {
                // Another article has this title: number this one.
            }
        }
        await DecideAsync(editor, gap, article.Id, null, cancellationToken);
        return article.Id;
    }

    private async Task DecideAsync(ArticleActor editor, KnowledgeGap gap, Guid? articleId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var signal in gap.Signals)
        {
            context.GapDecisions.Add(new GapDecision
            {
                SignalKind = signal.Kind, SignalId = signal.SourceId, ArticleId = articleId, Reason = reason, UserId = editor.UserId, At = now,
            });
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<GapSignal>> OpenSignalsAsync(ArticleActor editor, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-options.WindowDays);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var decided = (await context.GapDecisions.AsNoTracking().Select(d => new { d.SignalKind, d.SignalId }).ToListAsync(cancellationToken))
            .Select(d => (d.SignalKind, d.SignalId)).ToHashSet();

        var notFound = await context.ConversationMessages.AsNoTracking()
            .Where(m => m.NotFound && !m.Stopped && m.CreatedAt >= since)
            .OrderByDescending(m => m.CreatedAt)
            .Take(options.MaxSignals)
            .Select(m => new GapSignal(GapSignalKind.NotFound, m.Id, m.SearchQuery ?? m.Question, m.CreatedAt, null))
            .ToListAsync(cancellationToken);

        var weakBelow = answering.Value.MinEvidence + options.LowEvidenceMargin;
        var lowEvidence = options.LowEvidenceMargin <= 0 ? [] : await context.ConversationMessages.AsNoTracking()
            .Where(m => !m.NotFound && !m.Stopped && m.CreatedAt >= since && m.EvidenceScore != null && m.EvidenceScore < weakBelow)
            .OrderByDescending(m => m.CreatedAt)
            .Take(options.MaxSignals)
            .Select(m => new GapSignal(GapSignalKind.LowEvidence, m.Id, m.SearchQuery ?? m.Question, m.CreatedAt, null))
            .ToListAsync(cancellationToken);

        var feedback = await context.Feedback.AsNoTracking()
            .Where(f => !f.Helpful && f.CreatedAt >= since)
            // A thumbs-down on a "not found" answer is already counted as that answer.
            .Where(f => f.MessageId == null || !context.ConversationMessages.Any(m => m.Id == f.MessageId && m.NotFound))
            .OrderByDescending(f => f.CreatedAt)
            .Take(options.MaxSignals)
            .Select(f => new { f.Id, f.Question, f.CreatedAt, f.Reason, f.CitedChunkIds })
            .ToListAsync(cancellationToken);
        var hidden = await UnreadableChunksAsync(context, editor, feedback.SelectMany(f => ChunkIds(f.CitedChunkIds)), cancellationToken);
        var negative = feedback
            .Where(f => !ChunkIds(f.CitedChunkIds).Any(hidden.Contains))
            .Select(f => new GapSignal(GapSignalKind.NegativeFeedback, f.Id, f.Question, f.CreatedAt, f.Reason));

        return [.. notFound.Concat(lowEvidence).Concat(negative)
            .Where(s => !decided.Contains((s.Kind, s.SourceId)) && !string.IsNullOrWhiteSpace(s.Question))
            .OrderByDescending(s => s.At)
            .Take(options.MaxSignals)];
    }

    /// <summary>The chunks among <paramref name="chunkIds"/> whose document the editor may not read.</summary>
    private static async Task<HashSet<long>> UnreadableChunksAsync(KnowledgeDbContext context, ArticleActor editor, IEnumerable<long> chunkIds, CancellationToken cancellationToken)
    {
        var ids = chunkIds.Distinct().ToList();
        if (editor.IsAdmin || ids.Count == 0)
        {
            return [];
        }
        var principals = editor.Principals.ToList();
        return [.. await context.Chunks.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Where(c => !context.DocumentAudiences.Any(a => a.DocumentId == c.DocumentId && principals.Contains(a.Principal)))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken)];
    }

    private static IEnumerable<long> ChunkIds(string joined) =>
        joined.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : 0).Where(id => id > 0);

    private static KnowledgeGap Describe(IReadOnlyList<GapSignal> signals)
    {
        var newest = signals.OrderByDescending(s => s.At).ToList();
        return new KnowledgeGap(
            newest[0].Question,
            signals.Count,
            newest[0].At,
            [.. newest.Select(s => s.Question.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Take(Examples)],
            signals.Count(s => s.Kind == GapSignalKind.NotFound),
            signals.Count(s => s.Kind == GapSignalKind.LowEvidence),
            signals.Where(s => s.Reason is not null).GroupBy(s => s.Reason!.Value).ToDictionary(g => g.Key, g => g.Count()),
            signals);
    }
}
