namespace KnowledgePortal.Shared.Retrieval;

/// <summary>Full-text (bm25) search over chunk text, headings and titles, filtered inside the search.</summary>
public interface IKeywordIndex
{
    /// <summary>The best <paramref name="top"/> readable chunks for <paramref name="query"/> (plain words, not a query language), best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, SearchFilter filter, int top, CancellationToken cancellationToken);
}
