namespace KnowledgePortal.Portal.Api;

/// <summary>One passage found by <c>GET /api/search</c>, best first.</summary>
/// <param name="Score">Fused rank score, higher is better; comparable only within one result list.</param>
/// <param name="Text">The passage text.</param>
/// <param name="Outdated">An editor marked the document outdated: cite it, but say so.</param>
/// <param name="Article">Set when the passage is from a curated knowledge article, with its verification.</param>
/// <param name="Kind">"pdf", "word", "powerpoint" (pages are slides), "html", "markdown" or "text".</param>
public sealed record SearchHit(
    string Document, string? Title, Guid DocumentId, long ChunkId, int PageStart, int PageEnd, string? Heading, double Score, string Text, string ViewerUrl,
    string? Kind, ApiArticle? Article = null, bool Outdated = false);
