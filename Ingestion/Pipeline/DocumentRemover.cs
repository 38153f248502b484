using KnowledgePortal.Shared.KeywordSearch;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>Deletes a document from the database, both indexes and the original-file store.</summary>
public sealed class DocumentRemover(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    OriginalFileStore originals,
    IVectorIndex vectorIndex,
    TimeProvider time)
{
    /// <summary>Removes the document; false when there was no such document.</summary>
    public async Task<bool> DeleteAsync(Guid documentId, CancellationToken cancellationToken)
    {
        List<string> hashes;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var document = await context.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
            if (document is null)
            {
                return false;
            }
            hashes = await context.Jobs.Where(j => j.DocumentId == documentId).Select(j => j.ContentHash).Distinct().ToListAsync(cancellationToken);
            hashes.Add(document.ContentHash);
            if (document.IndexedHash is not null)
            {
                hashes.Add(document.IndexedHash);
            }
            await SqliteKeywordIndex.RemoveDocumentAsync(context, documentId, cancellationToken);
            // Chunks, pages, audience, jobs and staged work go with the document (cascading foreign keys).
            await context.Documents.Where(d => d.Id == documentId).ExecuteDeleteAsync(cancellationToken);
            context.IndexChanges.Add(new IndexChange { DocumentId = documentId, At = time.GetUtcNow() });
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await vectorIndex.SynchronizeAsync([documentId], cancellationToken);
        foreach (var hash in hashes.Distinct())
        {
            await OriginalsCleanup.DeleteIfUnusedAsync(contextFactory, originals, hash, cancellationToken);
        }
        return true;
    }
}
