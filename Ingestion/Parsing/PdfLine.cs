namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// One visual line of a PDF page after layout analysis, with just enough geometry and style
/// to find running headers, paragraph breaks and headings.
/// </summary>
/// <param name="Top">Top edge in PDF user space (y grows upwards).</param>
/// <param name="Bottom">Bottom edge in PDF user space.</param>
/// <param name="FontSize">Median point size of the line's glyphs.</param>
/// <param name="IsBold">Most of the line's glyphs are set in a bold face.</param>
/// <param name="BlockIndex">Reading-order index of the layout block the line belongs to; paragraphs never cross blocks.</param>
/// <param name="StartsListItem">The line begins with a bullet or a list number, so it starts a new list item.</param>
internal sealed record PdfLine(
    string Text,
    double Left,
    double Top,
    double Right,
    double Bottom,
    double FontSize,
    bool IsBold,
    int BlockIndex,
    bool StartsListItem)
{
    public double Height => Top - Bottom;
}
