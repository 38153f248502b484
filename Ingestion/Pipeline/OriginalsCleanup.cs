using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>Removes a stored original once no document version, job or article image refers to it any more.</summary>
internal static class OriginalsCleanup
{
    public static async Task DeleteIfUnusedAsync(
        IDbContextFactory<KnowledgeDbContext> contextFactory, OriginalFileStore originals, string hash, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Article images share the store: an image with the same bytes as a document keeps the file too.
        var used = await context.Documents.AnyAsync(d => d.ContentHash == hash || d.IndexedHash == hash, cancellationToken)
            || await context.ArticleImages.AnyAsync(i => i.ContentHash == hash, cancellationToken)
            || await context.Jobs.AnyAsync(j => j.ContentHash == hash && (j.Status == Shared.Jobs.JobStatus.Queued || j.Status == Shared.Jobs.JobStatus.Running), cancellationToken);
        if (!used)
        {
            originals.Delete(hash);
        }
    }
}
