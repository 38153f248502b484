namespace KnowledgePortal.Shared.Evaluation;

/// <summary>Where a golden question's answer is: a file, and the 1-based page where the answering passage starts when known.</summary>
public sealed record GoldenCitation(string File, int? Page)
{
    /// <summary>
    /// The page rule: the passage comes from the file and its pages include N or N+1 (an answer starting
    /// on page N often runs onto the next). Without a page, the file rule: any passage of the file.
    /// </summary>
    public bool IsHitBy(string document, int pageStart, int pageEnd) =>
        string.Equals(File, document, StringComparison.OrdinalIgnoreCase)
        && (Page is not { } page || (page >= pageStart && page <= pageEnd) || (page + 1 >= pageStart && page + 1 <= pageEnd));
}
