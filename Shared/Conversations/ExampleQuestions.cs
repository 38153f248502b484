using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Conversations;

/// <summary>
/// Questions to offer on an empty Ask page, taken from this knowledge base and never from a sample:
/// what people asked and got answered most often lately, then the titles of documents the reader may
/// open. A question is offered only when several people asked it (one person's question stays theirs)
/// and every source its answers cited is readable by the reader.
/// </summary>
public sealed class ExampleQuestions(IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Distinct people who must have asked a question before anyone else is shown it.</summary>
    private const int MinimumAskers = 2;

    /// <summary>Longer questions make poor chips; they are left out rather than cut.</summary>
    private const int MaxLength = 90;

    public async Task<IReadOnlyList<string>> ForAsync(SearchFilter filter, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var readable = (await context.Documents.AsNoTracking()
                .Where(d => d.IndexedHash != null)
                .Select(d => new { d.Id, d.Name, d.Title, d.Kind, d.IndexedAt, Audience = d.Audience.Select(a => a.Principal).ToList() })
                .ToListAsync(cancellationToken))
            .Where(d => filter.AllowsAudience(d.Audience) && filter.AllowsDocument(d.Id, d.Kind))
            .ToList();
        if (readable.Count == 0)
        {
            return [];
        }
        var readableIds = readable.Select(d => d.Id).ToHashSet();

        var since = time.GetUtcNow() - Window;
        // First questions of conversations only: a follow-up ("and for dental?") means nothing on its own.
        var asked = await context.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.Ordinal == 0 && !m.NotFound && !m.Stopped && m.CreatedAt >= since && m.Question.Length <= MaxLength)
            .Join(context.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new
            {
                m.Question,
                c.UserId,
                m.CreatedAt,
                Cited = m.Citations.Select(x => x.DocumentId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var popular = asked
            .Where(a => a.Cited.Count > 0 && a.Cited.All(readableIds.Contains))
            .GroupBy(a => Normalize(a.Question))
            .Select(g => new
            {
                Text = g.OrderByDescending(a => a.CreatedAt).First().Question.Trim(),
                Askers = g.Select(a => a.UserId).Distinct().Count(),
                Times = g.Count(),
                Latest = g.Max(a => a.CreatedAt),
            })
            .Where(g => g.Askers >= MinimumAskers)
            .OrderByDescending(g => g.Times).ThenByDescending(g => g.Latest)
            .Select(g => g.Text);

        var fromTitles = readable
            .OrderByDescending(d => d.IndexedAt)
            .Select(d => FromTitle(string.IsNullOrWhiteSpace(d.Title) ? Path.GetFileNameWithoutExtension(d.Name) : d.Title))
            .Where(q => q.Length <= MaxLength);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return popular.Concat(fromTitles).Where(q => seen.Add(Normalize(q))).Take(count).ToList();
    }

    /// <summary>A document's title as a question anyone could ask of it.</summary>
    internal static string FromTitle(string title) => $"What does {Tidy(title)} cover?";

    private static string Tidy(string title) =>
        string.Join(' ', title.Replace('_', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Normalize(string question) =>
        string.Join(' ', question.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('?', '.', '!', ' ');
}
