namespace KnowledgePortal.Shared.Rendering;

/// <summary>Safe HTML made from Markdown.</summary>
/// <param name="Html">Markup that carries no script, event handler, raw HTML or unsafe URL.</param>
/// <param name="HighlightedBlocks">How many rendered blocks were marked as the cited section.</param>
public sealed record RenderedMarkdown(string Html, int HighlightedBlocks);
