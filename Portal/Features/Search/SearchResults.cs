using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Portal.Features.Search;

/// <summary>One page of grouped results and the facets of the whole result list.</summary>
/// <param name="Documents">The documents on <paramref name="Page"/>.</param>
/// <param name="TotalDocuments">Documents matching the query and every applied filter.</param>
/// <param name="TotalPassages">Passages in those documents.</param>
/// <param name="Kinds">Documents per kind, counted without the kind filter (so other kinds can be added); an applied kind counts the documents shown.</param>
/// <param name="Sources">Passages per document (the unit of <paramref name="TotalPassages"/>), counted without the document filter; an applied document counts the passages shown.</param>
/// <param name="Dates">Documents per indexing date range, with the kind and document filters applied.</param>
public sealed record SearchResults(
    IReadOnlyList<DocumentHits> Documents,
    int TotalDocuments,
    int TotalPassages,
    int Page,
    int PageCount,
    IReadOnlyList<FacetValue<DocumentKind>> Kinds,
    IReadOnlyList<FacetValue<Guid>> Sources,
    IReadOnlyList<FacetValue<IndexedWithin>> Dates)
{
    public static SearchResults Empty { get; } = new([], 0, 0, 1, 0, [], [], []);
}
