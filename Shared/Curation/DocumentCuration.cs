using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace KnowledgePortal.Shared.Curation;

/// <summary>
/// What editors do to raw documents: hide one from answers, mark one outdated, or pin one to a
/// question so it ranks first for questions like it. Only on documents the editor may read.
/// </summary>
public sealed class DocumentCuration(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    TimeProvider time)
{
    public const int MaxPinLength = 300;

    /// <summary>The document's curation as its viewer shows it to an editor, or null when they may not read it.</summary>
    public async Task<DocumentCurationState?> StateAsync(ArticleActor editor, Guid documentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await ReadableAsync(context, editor, documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }
        var pins = await context.PinnedQueries.AsNoTracking().Where(p => p.DocumentId == documentId).OrderBy(p => p.Query)
            .Select(p => new DocumentPin(p.Id, p.Query)).ToListAsync(cancellationToken);
        return new DocumentCurationState(document.HiddenFromAnswers, document.OutdatedSince, pins);
    }

    public Task SetHiddenFromAnswersAsync(ArticleActor editor, Guid documentId, bool hidden, CancellationToken cancellationToken) =>
        ChangeAsync(editor, documentId, d => d.HiddenFromAnswers = hidden, cancellationToken);

    public Task SetOutdatedAsync(ArticleActor editor, Guid documentId, bool outdated, CancellationToken cancellationToken) =>
        ChangeAsync(editor, documentId, d => d.OutdatedSince = outdated ? d.OutdatedSince ?? time.GetUtcNow() : null, cancellationToken);

    /// <summary>Pins the document to a question or topic ("expense report deadline").</summary>
    public async Task PinAsync(ArticleActor editor, Guid documentId, string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var text = (query ?? string.Empty).Trim();
        if (text.Length == 0 || text.Length > MaxPinLength)
        {
            throw new ArticleRuleException($"Write the question or topic to pin to (at most {MaxPinLength} characters).");
        }
        var vector = await embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        _ = await ReadableAsync(context, editor, documentId, cancellationToken) ?? throw new ArticleNotFoundException();
        context.PinnedQueries.Add(new PinnedQuery
        {
            Query = text, Vector = VectorBytes.From(vector.Span), DocumentId = documentId, CreatedBy = editor.UserId, CreatedAt = time.GetUtcNow(),
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task UnpinAsync(ArticleActor editor, long pinId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pin = await context.PinnedQueries.FirstOrDefaultAsync(p => p.Id == pinId, cancellationToken);
        if (pin is null || await ReadableAsync(context, editor, pin.DocumentId, cancellationToken) is null)
        {
            throw new ArticleNotFoundException();
        }
        context.PinnedQueries.Remove(pin);
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task ChangeAsync(ArticleActor editor, Guid documentId, Action<Documents.SourceDocument> change, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await ReadableAsync(context, editor, documentId, cancellationToken, tracked: true) ?? throw new ArticleNotFoundException();
        change(document);
        await context.SaveChangesAsync(cancellationToken);
    }

    private static async Task<Documents.SourceDocument?> ReadableAsync(
        KnowledgeDbContext context, ArticleActor editor, Guid documentId, CancellationToken cancellationToken, bool tracked = false)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var documents = tracked ? context.Documents : context.Documents.AsNoTracking();
        var document = await documents.Include(d => d.Audience).FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        return document is not null && (editor.IsAdmin || document.Audience.Any(a => editor.Principals.Contains(a.Principal))) ? document : null;
    }
}
