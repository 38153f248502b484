namespace KnowledgePortal.Portal.Api;

/// <summary>A retrieved passage the answer may cite as "[n]".</summary>
/// <param name="N">The n of "[n]" in the answer text.</param>
/// <param name="Document">The file name.</param>
/// <param name="Heading">The headings the passage sits under, outermost first, joined by " > ".</param>
/// <param name="ViewerUrl">The source viewer at this page with the passage highlighted.</param>
/// <param name="Outdated">An editor marked the document outdated: cite it, but say so.</param>
/// <param name="Article">Set when the passage is from a curated knowledge article, with its verification.</param>
/// <param name="Kind">"pdf", "word", "powerpoint" (pages are slides), "html", "markdown" or "text".</param>
public sealed record ApiSource(
    int N, string Document, string? Title, int PageStart, int PageEnd, string? Heading, Guid DocumentId, long ChunkId, string ViewerUrl, string? Kind, ApiArticle? Article = null, bool Outdated = false);
