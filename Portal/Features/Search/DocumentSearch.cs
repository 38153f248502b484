using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Portal.Features.Search;

/// <summary>
/// The search page's search: the best passages for a query among what the reader may read, grouped
/// by document, with facet counts. Kind and document filters go into the retrieval itself (filtered
/// before ranking, so a narrowed search still gets its full top 50); each facet's other choices are
/// counted as if its own filter were off, so they stay visible, while its applied choices count the
/// results shown; the date filter is applied to the results (and to every other facet's counts).
/// </summary>
public sealed class DocumentSearch(HybridRetriever retriever, IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time)
{
    /// <summary>Passages retrieved per search.</summary>
    public const int PassagesPerSearch = 50;

    public const int DocumentsPerPage = 10;

    /// <summary>Document facet choices shown besides the selected ones.</summary>
    private const int SourceChoices = 12;

    /// <summary>
    /// A passage found by meaning alone (no query word in it) is listed only from this cosine
    /// similarity up. Vector search ranks every passage, so without a floor any search lists the whole
    /// knowledge base. A first guess for all-MiniLM-L6-v2, not yet measured on the corpus (the answer
    /// path has its own, measured evidence threshold).
    /// </summary>
    internal const double MeaningOnlyMinSimilarity = 0.45;

    public async Task<SearchResults> SearchAsync(SearchQuery query, SearchFilter readerFilter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(readerFilter);
        if (query.Text.Length == 0)
        {
            return SearchResults.Empty;
        }
        IReadOnlyCollection<DocumentKind>? kinds = query.Kinds.Count > 0 ? [.. query.Kinds] : null;
        IReadOnlyCollection<Guid>? documents = query.DocumentIds.Count > 0 ? [.. query.DocumentIds] : null;

        var filtered = await RetrieveAsync(query.Text, Narrow(readerFilter, kinds, documents), cancellationToken);
        var anyKind = kinds is null ? filtered : await RetrieveAsync(query.Text, Narrow(readerFilter, null, documents), cancellationToken);
        var anyDocument = documents is null ? filtered : await RetrieveAsync(query.Text, Narrow(readerFilter, kinds, null), cancellationToken);

        var dates = await IndexDatesAsync([.. filtered.Concat(anyKind).Concat(anyDocument).Select(p => p.DocumentId).Distinct()], cancellationToken);
        var now = time.GetUtcNow();
        bool InDateRange(DocumentHits g) => query.Date.Includes(g.IndexedAt ?? DateTimeOffset.MinValue, now);
        var groups = Group(filtered, dates);
        var shown = groups.Where(InDateRange).ToList();
        var pageCount = (shown.Count + DocumentsPerPage - 1) / DocumentsPerPage;
        var page = Math.Clamp(query.Page, 1, Math.Max(1, pageCount));

        return new SearchResults(
            shown.Skip((page - 1) * DocumentsPerPage).Take(DocumentsPerPage).ToList(),
            shown.Count,
            shown.Sum(g => g.Passages.Count),
            page,
            pageCount,
            KindFacet(CountedFor(shown, Group(anyKind, dates).Where(InDateRange), g => g.Kind is { } kind && query.Kinds.Contains(kind)), query),
            await SourceFacetAsync(CountedFor(shown, Group(anyDocument, dates).Where(InDateRange), g => query.DocumentIds.Contains(g.DocumentId)), query, readerFilter, cancellationToken),
            DateFacet(groups, query, now));
    }

    private async Task<IReadOnlyList<Passage>> RetrieveAsync(string text, SearchFilter filter, CancellationToken cancellationToken)
    {
        var passages = await retriever.RetrieveAsync(new RetrievalRequest(text, filter, PassagesPerSearch), cancellationToken);
        return [.. passages.Where(p => p.KeywordRank is not null || p.Similarity >= MeaningOnlyMinSimilarity)];
    }

    /// <summary>The reader's filter narrowed further; whatever the reader's filter already limits stays limited.</summary>
    private static SearchFilter Narrow(SearchFilter reader, IReadOnlyCollection<DocumentKind>? kinds, IReadOnlyCollection<Guid>? documents) => reader with
    {
        Kinds = Intersect(reader.Kinds, kinds),
        DocumentIds = Intersect(reader.DocumentIds, documents),
    };

    private static IReadOnlyCollection<T>? Intersect<T>(IReadOnlyCollection<T>? limit, IReadOnlyCollection<T>? wanted) =>
        limit is null ? wanted : wanted is null ? limit : [.. wanted.Where(limit.Contains)];

    /// <summary>Documents in the order of their best passage; passages keep their rank order.</summary>
    private static List<DocumentHits> Group(IReadOnlyList<Passage> passages, IReadOnlyDictionary<Guid, DateTimeOffset?> dates) =>
        passages
            .GroupBy(p => p.DocumentId)
            .Select(g => new DocumentHits(g.Key, g.First().DocumentName, g.First().DocumentTitle, g.First().Kind, dates.GetValueOrDefault(g.Key), g.ToList()))
            .ToList();

    /// <summary>
    /// The documents a facet is counted over, so that an applied choice counts exactly what the results
    /// show. Applied choices are counted in the shown results themselves, not in the search with the
    /// facet's own filter off: that search ranks its top <see cref="PassagesPerSearch"/> across all
    /// choices, so it holds fewer passages of an applied choice than the narrowed search the results
    /// come from (the facet said 20 passages where the results said 23). Choices not applied are counted
    /// in that wider search, the only one that has them, with the other filters (date too) applied.
    /// </summary>
    private static List<DocumentHits> CountedFor(List<DocumentHits> shown, IEnumerable<DocumentHits> withoutOwnFilter, Func<DocumentHits, bool> applied) =>
        [.. shown.Where(applied), .. withoutOwnFilter.Where(g => !applied(g))];

    private async Task<Dictionary<Guid, DateTimeOffset?>> IndexDatesAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.Documents.AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.IndexedAt, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.IndexedAt ?? (DateTimeOffset?)r.UpdatedAt);
    }

    private static List<FacetValue<DocumentKind>> KindFacet(List<DocumentHits> groups, SearchQuery query)
    {
        var counts = groups.Where(g => g.Kind is not null).GroupBy(g => g.Kind!.Value).ToDictionary(g => g.Key, g => g.Count());
        return Enum.GetValues<DocumentKind>()
            .Where(kind => counts.ContainsKey(kind) || query.Kinds.Contains(kind))
            .Select(kind => new FacetValue<DocumentKind>(kind, DocumentKinds.Label(kind), counts.GetValueOrDefault(kind), query.Kinds.Contains(kind)))
            .ToList();
    }

    private async Task<List<FacetValue<Guid>>> SourceFacetAsync(List<DocumentHits> groups, SearchQuery query, SearchFilter readerFilter, CancellationToken cancellationToken)
    {
        var facet = groups
            .Select(g => SourceChoice(g, query.DocumentIds.Contains(g.DocumentId)))
            .OrderByDescending(f => f.Selected)
            .ThenByDescending(f => f.Count)
            .ThenBy(f => f.Label, StringComparer.CurrentCultureIgnoreCase)
            .Where((f, i) => f.Selected || i < SourceChoices)
            .ToList();
        // A chosen document without matches stays listed (with 0) so it can be unchosen; only if the reader may read it.
        var missing = query.DocumentIds.Where(id => facet.All(f => f.Value != id)).ToList();
        if (missing.Count > 0)
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var documents = await context.Documents.AsNoTracking().Include(d => d.Audience).Where(d => missing.Contains(d.Id)).ToListAsync(cancellationToken);
            facet.InsertRange(0, documents
                .Where(d => readerFilter.AllowsAudience(d.Audience.Select(a => a.Principal)))
                .Select(d => SourceChoice(new DocumentHits(d.Id, d.Name, d.Title, d.Kind, null, []), selected: true)));
        }
        return facet;
    }

    private static List<FacetValue<IndexedWithin>> DateFacet(List<DocumentHits> groups, SearchQuery query, DateTimeOffset now) =>
        [.. new[] { IndexedWithin.Week, IndexedWithin.Month, IndexedWithin.Year, IndexedWithin.Older }
            .Select(range => new FacetValue<IndexedWithin>(range, range.Label(), groups.Count(g => range.Includes(g.IndexedAt ?? DateTimeOffset.MinValue, now)), query.Date == range))];

    /// <summary>
    /// A document as a source choice, counted in passages. A title comes with the file name, because two
    /// documents can share a title (or the first words the facet has room for).
    /// </summary>
    private static FacetValue<Guid> SourceChoice(DocumentHits document, bool selected) =>
        new(document.DocumentId, document.DisplayTitle, document.Passages.Count, selected, document.DisplayTitle == document.Name ? null : document.Name);
}
