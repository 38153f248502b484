using System.Text.RegularExpressions;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>
/// The page a cited quote is on. A passage can run over several pages (a title page and the text after it),
/// and a citation should open the page with the quoted words, not the page the passage starts on.
/// </summary>
public sealed partial class QuotePageLocator(IDbContextFactory<KnowledgeDbContext> dbFactory)
{
    // Long enough to be specific, short enough to stay on one page when the quote runs over a page break.
    private const int ProbeLength = 60;

    /// <returns>The first page from <paramref name="pageStart"/> to <paramref name="pageEnd"/> holding the quote's
    /// beginning, or <paramref name="pageStart"/> when the passage is on one page or the quote is not found.</returns>
    public async Task<int> PageOfAsync(Guid documentId, int pageStart, int pageEnd, string quote, CancellationToken cancellationToken)
    {
        var probe = Normalize(quote.Trim('“', '”', '"', '…', ' '));
        if (pageEnd <= pageStart || probe.Length == 0)
        {
            return pageStart;
        }
        if (probe.Length > ProbeLength)
        {
            probe = probe[..ProbeLength];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pages = await db.DocumentPages.AsNoTracking()
            .Where(p => p.DocumentId == documentId && p.Number >= pageStart && p.Number <= pageEnd)
            .OrderBy(p => p.Number)
            .Select(p => new { p.Number, p.Text })
            .ToListAsync(cancellationToken);
        return pages.FirstOrDefault(p => Normalize(p.Text).Contains(probe, StringComparison.OrdinalIgnoreCase))?.Number ?? pageStart;
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
