using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>Queues a re-index of every document from its stored original, under the configured embedding model.</summary>
public sealed class ReindexScheduler(IDbContextFactory<KnowledgeDbContext> contextFactory, IndexManifest manifest, TimeProvider time)
{
    /// <summary>Makes the configured model the index's model and queues one job per document; returns the job ids.</summary>
    public async Task<IReadOnlyList<long>> ScheduleAllAsync(CancellationToken cancellationToken)
    {
        await manifest.RecordCurrentModelAsync(cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var documents = await context.Documents.ToListAsync(cancellationToken);
        var busy = await context.Jobs
            .Where(j => j.Status == JobStatus.Queued)
            .Select(j => j.DocumentId)
            .ToListAsync(cancellationToken);
        var jobs = new List<IngestionJob>();
        foreach (var document in documents.Where(d => !busy.Contains(d.Id)))
        {
            document.Status = DocumentStatus.Queued;
            jobs.Add(DocumentIntake.Enqueue(context, document.Id, document.ContentHash, JobKind.Reindex, now));
        }
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return jobs.Select(j => j.Id).ToList();
    }
}
