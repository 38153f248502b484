using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Curation;

/// <summary>The badges of the sources a reader was shown (already trimmed to what they may read); sources without one are left out.</summary>
public sealed class SourceBadges(IDbContextFactory<KnowledgeDbContext> contextFactory, ArticleCatalog articles)
{
    public async Task<IReadOnlyDictionary<Guid, SourceBadge>> ForAsync(IEnumerable<Guid> documentIds, CancellationToken cancellationToken)
    {
        var ids = documentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, SourceBadge>();
        }
        var curated = await articles.BadgesAsync(ids, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var outdated = await context.Documents.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.OutdatedSince != null)
            .ToDictionaryAsync(d => d.Id, d => d.OutdatedSince, cancellationToken);
        return curated.Keys.Union(outdated.Keys).ToDictionary(
            id => id,
            id => new SourceBadge(curated.GetValueOrDefault(id), outdated.GetValueOrDefault(id)));
    }
}
