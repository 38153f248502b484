namespace KnowledgePortal.Portal.Api;

/// <summary>A citation of the final answer, checked against the retrieved sources.</summary>
/// <param name="N">The n of "[n]" in the answer text; the same n as in the sources event.</param>
/// <param name="Quote">The words of the source that support the answer.</param>
/// <param name="Outdated">An editor marked the document outdated: cite it, but say so.</param>
/// <param name="Article">Set when the passage is from a curated knowledge article, with its verification.</param>
/// <param name="Kind">"pdf", "word", "powerpoint" (pages are slides), "html", "markdown" or "text".</param>
public sealed record ApiCitation(
    int N, string Document, string? Title, int PageStart, int PageEnd, string Quote, Guid DocumentId, long ChunkId, string ViewerUrl, string? Kind, ApiArticle? Article = null, bool Outdated = false);
