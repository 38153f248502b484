using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>
/// Finds a document for someone who wants to open it. A document they may not read is reported
/// exactly like one that does not exist, so its id tells them nothing.
/// </summary>
public sealed class ReadableDocuments(IDbContextFactory<KnowledgeDbContext> contextFactory)
{
    public async Task<Shared.Documents.SourceDocument?> FindAsync(Guid documentId, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await context.Documents.AsNoTracking()
            .Include(d => d.Audience)
            .FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        return document is not null && filter.AllowsAudience(document.Audience.Select(a => a.Principal)) ? document : null;
    }
}
