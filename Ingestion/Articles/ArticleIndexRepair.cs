using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Ingestion.Articles;

/// <summary>
/// Brings the index in line with the articles' lifecycle after a crash. Publishing and retiring
/// commit the article first and then queue or remove its document; a process that dies between the
/// two leaves a published article whose new version never reaches search, or a retired one that
/// still answers. Run when a worker starts: every published article's document must hold exactly
/// its published version, and no other article document may remain.
/// </summary>
public sealed class ArticleIndexRepair(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    ArticleDocuments documents,
    DocumentRemover remover,
    ILogger<ArticleIndexRepair> logger)
{
    /// <summary>Queues what is missing and withdraws what should be gone; returns how many articles needed it.</summary>
    public async Task<ArticleRepairReport> RepairAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var published = await context.Articles.AsNoTracking().Include(a => a.Audience)
            .Where(a => a.PublishedVersion != null).ToListAsync(cancellationToken);
        var indexed = await context.Documents.AsNoTracking().Where(d => d.ArticleId != null)
            .Select(d => new { d.Id, ArticleId = d.ArticleId!.Value, d.ContentHash }).ToListAsync(cancellationToken);

        var requeued = 0;
        foreach (var article in published)
        {
            var version = await context.ArticleVersions.AsNoTracking()
                .FirstAsync(v => v.ArticleId == article.Id && v.Number == article.PublishedVersion, cancellationToken);
            var expected = OriginalFileStore.HashOf(Encoding.UTF8.GetBytes(ArticleDocuments.MarkdownOf(version)));
            var current = indexed.FirstOrDefault(d => d.ArticleId == article.Id);
            if (current is not null && current.ContentHash == expected && current.Id == article.DocumentId)
            {
                continue;
            }
            var documentId = await documents.PublishAsync(article, version, cancellationToken);
            await context.Articles.Where(a => a.Id == article.Id)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.DocumentId, documentId), cancellationToken);
            logger.LogWarning("Article {ArticleId} version {Version} was not in the index; queued it again", article.Id, version.Number);
            requeued++;
        }

        var withdrawn = 0;
        var publishedIds = published.Select(a => a.Id).ToHashSet();
        foreach (var orphan in indexed.Where(d => !publishedIds.Contains(d.ArticleId)))
        {
            await remover.DeleteAsync(orphan.Id, cancellationToken);
            logger.LogWarning("Article {ArticleId} is no longer published but its document {DocumentId} was still searchable; removed it", orphan.ArticleId, orphan.Id);
            withdrawn++;
        }
        return new ArticleRepairReport(requeued, withdrawn);
    }
}

/// <summary>What <see cref="ArticleIndexRepair"/> had to fix.</summary>
public sealed record ArticleRepairReport(int Requeued, int Withdrawn);
