using KnowledgePortal.Shared.Rendering;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>
/// Which part of one page a cited chunk covers. A chunk starts at an offset in the text of its first
/// page and ends at an offset in the text of its last page, so a chunk across pages covers the end of
/// the first page, the whole of any page between, and the start of the last.
/// </summary>
public static class PageHighlight
{
    /// <returns>The range to highlight on page <paramref name="page"/>, or null when the chunk does not show on it.</returns>
    public static TextRange? For(int pageStart, int pageEnd, int startOffset, int endOffset, int page, int pageLength)
    {
        if (page < pageStart || page > pageEnd || pageLength <= 0)
        {
            return null;
        }
        var start = page == pageStart ? Math.Clamp(startOffset, 0, pageLength) : 0;
        var end = page == pageEnd ? Math.Clamp(endOffset, 0, pageLength) : pageLength;
        return end > start ? new TextRange(start, end) : null;
    }
}
