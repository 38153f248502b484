using System.Text;
using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Joins the lines of a PDF into paragraphs, list items and headings, keeps the heading path,
/// and lays the blocks out as the page texts the viewer shows.
/// </summary>
/// <remarks>
/// Headings are recognised from what the PDF shows: a font clearly larger than the body text, or
/// a short bold line when the body is not bold. Levels come from ranking the heading styles the
/// document actually uses (larger first, bold before regular), so a Word document's Title /
/// Heading 1 / Heading 2 nest without knowing Word's styles. Below those, a short line standing
/// alone between paragraphs in body type ("Premiums", "Deductibles") is a run-in subheading.
/// </remarks>
internal sealed class PdfBlockBuilder
{
    private const string ParagraphSeparator = "\n\n";

    private readonly IReadOnlyList<PdfPageLines> pages;
    private readonly double bodySize;
    private readonly bool bodyIsBold;
    private readonly PdfLineJoiner joiner;

    private PdfBlockBuilder(IReadOnlyList<PdfPageLines> pages)
    {
        this.pages = pages;
        (bodySize, bodyIsBold) = BodyStyle(pages);
        joiner = new PdfLineJoiner(pages);
    }

    public static PdfLayout Build(IReadOnlyList<PdfPageLines> pages) => new PdfBlockBuilder(pages).Build();

    private PdfLayout Build()
    {
        var segments = this.pages.SelectMany(SplitIntoSegments).ToList();
        foreach (var segment in segments)
        {
            segment.Text = TextNormalizer.CollapseWhitespace(joiner.Join(segment.Lines));
        }
        segments.RemoveAll(s => s.Text.Length == 0);
        ClassifyHeadings(segments);
        var levels = HeadingLevels(segments);
        var title = MarkTitle(segments, levels);
        DropRepeatedHeadings(segments);

        var parsedPages = new List<ParsedPage>(this.pages.Count);
        var blocks = new List<ParsedBlock>(segments.Count);
        var path = new List<(int Level, string Text, bool IsTitle)>();
        IReadOnlyList<string> currentPath = [];
        var text = new StringBuilder();
        var next = 0;

        foreach (var page in this.pages)
        {
            if (path.RemoveAll(p => p.IsTitle) > 0)
            {
                // The cover title names the document, which the chunk already carries; repeating
                // it in front of every section would only spend the embedder's input.
                currentPath = path.Select(p => p.Text).ToArray();
            }
            text.Clear();
            for (; next < segments.Count && segments[next].PageNumber == page.Number; next++)
            {
                var segment = segments[next];
                if (segment.Kind == BlockKind.Heading)
                {
                    var level = LevelOf(segment, levels);
                    while (path.Count > 0 && path[^1].Level >= level)
                    {
                        path.RemoveAt(path.Count - 1);
                    }
                    path.Add((level, segment.Text, segment.IsTitle));
                    currentPath = path.Select(p => p.Text).ToArray();
                }

                if (text.Length > 0)
                {
                    text.Append(ParagraphSeparator);
                }
                var start = text.Length;
                text.Append(segment.Text);
                blocks.Add(new ParsedBlock(segment.Kind, segment.Text, page.Number, start, text.Length, currentPath));
            }
            parsedPages.Add(new ParsedPage(page.Number, text.ToString()));
        }

        return new PdfLayout(parsedPages, blocks, title);
    }

    private List<Segment> SplitIntoSegments(PdfPageLines page)
    {
        var segments = new List<Segment>();
        Segment? current = null;
        foreach (var line in page.Lines)
        {
            if (current is null
                || line.BlockIndex != current.BlockIndex
                || line.StartsListItem
                || IsStyleBreak(current.Lines[^1], line)
                || IsGapBreak(current.Lines[^1], line)
                || IsShortLineBreak(current.Lines[^1], line, page))
            {
                current = new Segment(page.Number, page.Height, line.BlockIndex, line.StartsListItem ? BlockKind.ListItem : BlockKind.Paragraph);
                segments.Add(current);
            }
            current.Lines.Add(line);
        }
        foreach (var segment in segments)
        {
            segment.AloneInBlock = segments.Count(s => s.BlockIndex == segment.BlockIndex) == 1;
        }
        return segments;
    }

    private bool IsStyleBreak(PdfLine previous, PdfLine line)
    {
        var differs = Math.Abs(previous.FontSize - line.FontSize) > 0.75 || previous.IsBold != line.IsBold;
        return differs && (LooksLikeHeading(previous) || LooksLikeHeading(line));
    }

    private static bool IsGapBreak(PdfLine previous, PdfLine line)
    {
        // Lines of one paragraph are about half an em apart; a blank line's worth is a new paragraph.
        var gap = previous.Bottom - line.Top;
        return gap > 1.2 * Math.Max(previous.FontSize, line.FontSize);
    }

    /// <summary>
    /// A body line that stops well short of its column ends its paragraph when the next line starts
    /// like a new one ("Position: CEO" / "Company: Contoso"); wrapped lines only fall that short when
    /// the next word is longer than a third of the column.
    /// </summary>
    private bool IsShortLineBreak(PdfLine previous, PdfLine line, PdfPageLines page)
    {
        if (LooksLikeHeading(previous) || line.Text.Length == 0 || !(char.IsUpper(line.Text[0]) || char.IsDigit(line.Text[0])))
        {
            return false;
        }
        var columnRight = previous.Right;
        foreach (var other in page.Lines)
        {
            if (Math.Abs(other.Left - previous.Left) <= 10 && other.Right > columnRight)
            {
                columnRight = other.Right;
            }
        }
        var columnWidth = columnRight - previous.Left;
        return columnWidth > 0 && previous.Right - previous.Left < 0.65 * columnWidth;
    }

    private bool IsLarger(PdfLine line) => line.FontSize >= bodySize * 1.15 && line.FontSize - bodySize >= 1.0;

    private bool LooksLikeHeading(PdfLine line) =>
        IsLarger(line) || (line.IsBold && !bodyIsBold && line.FontSize >= bodySize - 0.5);

    private void ClassifyHeadings(List<Segment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (IsStyledHeading(segments[i]))
            {
                segments[i].Kind = BlockKind.Heading;
            }
        }
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (IsInferredHeading(segments[i], segments[i + 1]))
            {
                segments[i].Kind = BlockKind.Heading;
                segments[i].IsInferredHeading = true;
            }
        }
    }

    private static void DropRepeatedHeadings(List<Segment> segments)
    {
        Segment? lastHeading = null;
        foreach (var segment in segments.Where(s => s.Kind == BlockKind.Heading))
        {
            // These exports repeat a heading a line or two under itself in body type ("Venue" /
            // "OTHER INFORMATION ABOUT THIS PLAN" / "Venue"); that opens no new section, and a path
            // ending "Venue > Venue" helps nobody.
            if (lastHeading is not null && segment.PageNumber - lastHeading.PageNumber <= 1
                && string.Equals(lastHeading.Text, segment.Text, StringComparison.OrdinalIgnoreCase))
            {
                segment.Kind = BlockKind.Paragraph;
                segment.IsInferredHeading = false;
                continue;
            }
            if (!segment.IsTitle)
            {
                // A cover title is not a section; the first heading inside may well repeat it.
                lastHeading = segment;
            }
        }
    }

    private bool IsStyledHeading(Segment segment)
    {
        if (segment.Kind != BlockKind.Paragraph || !segment.Text.Any(char.IsLetter))
        {
            return false;
        }
        var first = segment.Lines[0];
        if (!segment.Lines.All(l => LooksLikeHeading(l) && StyleKey(l) == StyleKey(first)))
        {
            return false;
        }
        if (IsLarger(first))
        {
            return segment.Lines.Count <= 4 && segment.Text.Length <= 200;
        }
        // Bold at body size: a heading is one short line, not a bold sentence or warning.
        return segment.Lines.Count == 1 && segment.Text.Length <= 100 && segment.Text[^1] is not ('.' or ',' or ';');
    }

    private bool IsInferredHeading(Segment segment, Segment next)
    {
        if (segment.Kind != BlockKind.Paragraph || !segment.AloneInBlock || segment.Lines.Count != 1
            || LooksLikeHeading(segment.Lines[0]))
        {
            return false;
        }
        var text = segment.Text;
        if (text.Length > 60 || text.Split(' ').Length > 8 || !char.IsUpper(text[0])
            || text[^1] is '.' or ',' or ';' or ':' || text.Contains(':'))
        {
            return false;
        }
        // It must introduce a real paragraph in a block of its own; a label before a value or a
        // line before a list is not a heading.
        if (next.Kind != BlockKind.Paragraph || (next.Lines.Count < 2 && next.Text.Length < 80))
        {
            return false;
        }
        if (next.PageNumber == segment.PageNumber)
        {
            return next.BlockIndex != segment.BlockIndex;
        }
        // Across a page break only when the text ran to the bottom of the page; a short line
        // ending a half-empty page ("All rights reserved") closes something, it opens nothing.
        return segment.Lines[0].Bottom <= segment.PageHeight * 0.15;
    }

    /// <summary>
    /// The document's title is its first heading; on a cover it often comes in two sizes
    /// ("Contoso Electronics" / "Northwind Health Standard Plan") and the first alone would name
    /// every document of the company the same, so a smaller heading in the same layout block
    /// right after it is kept as a subtitle.
    /// </summary>
    private static string? MarkTitle(List<Segment> segments, Dictionary<(double, bool), int> levels)
    {
        // A short line that merely stands alone is good enough for a heading path, not for a title.
        var index = segments.FindIndex(s => s.Kind == BlockKind.Heading && !s.IsInferredHeading);
        if (index < 0)
        {
            return null;
        }
        var titleSegments = new List<Segment> { segments[index] };
        if (index + 1 < segments.Count
            && segments[index + 1] is { Kind: BlockKind.Heading } next
            && next.PageNumber == segments[index].PageNumber
            && next.BlockIndex == segments[index].BlockIndex
            && LevelOf(next, levels) > LevelOf(segments[index], levels))
        {
            titleSegments.Add(next);
        }

        // A title set in a style of its own is a cover title, not the first section of the document.
        var styleCounts = segments
            .Where(s => s.Kind == BlockKind.Heading && !s.IsInferredHeading)
            .GroupBy(s => StyleKey(s.Lines[0]))
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var segment in titleSegments)
        {
            segment.IsTitle = !segment.IsInferredHeading && styleCounts[StyleKey(segment.Lines[0])] == 1;
        }
        return string.Join(": ", titleSegments.Select(s => s.Text));
    }

    private static int LevelOf(Segment segment, Dictionary<(double, bool), int> levels) =>
        segment.IsInferredHeading ? levels.Count : levels[StyleKey(segment.Lines[0])];

    private static Dictionary<(double, bool), int> HeadingLevels(IEnumerable<Segment> segments)
    {
        var styles = segments
            .Where(s => s.Kind == BlockKind.Heading && !s.IsInferredHeading)
            .Select(s => StyleKey(s.Lines[0]))
            .Distinct()
            .OrderByDescending(s => s.Size)
            .ThenByDescending(s => s.Bold)
            .ToList();
        var levels = new Dictionary<(double, bool), int>();
        for (var i = 0; i < styles.Count; i++)
        {
            levels[styles[i]] = i;
        }
        return levels;
    }

    private static (double Size, bool Bold) StyleKey(PdfLine line) => (Math.Round(line.FontSize * 2) / 2, line.IsBold);

    private static (double Size, bool Bold) BodyStyle(IReadOnlyList<PdfPageLines> pages)
    {
        // The body is the style most of the text is set in, weighted by characters, not by lines.
        var bySize = new Dictionary<double, int>();
        int bold = 0, total = 0;
        foreach (var line in pages.SelectMany(p => p.Lines))
        {
            var size = Math.Round(line.FontSize * 2) / 2;
            bySize[size] = bySize.GetValueOrDefault(size) + line.Text.Length;
            total += line.Text.Length;
            if (line.IsBold)
            {
                bold += line.Text.Length;
            }
        }
        var body = bySize.Count == 0 ? 0 : bySize.MaxBy(kv => kv.Value).Key;
        return (body, bold * 2 > total);
    }

    private sealed class Segment(int pageNumber, double pageHeight, int blockIndex, BlockKind kind)
    {
        public int PageNumber { get; } = pageNumber;

        public double PageHeight { get; } = pageHeight;

        public int BlockIndex { get; } = blockIndex;

        public BlockKind Kind { get; set; } = kind;

        public List<PdfLine> Lines { get; } = [];

        public string Text { get; set; } = string.Empty;

        public bool AloneInBlock { get; set; }

        public bool IsInferredHeading { get; set; }

        public bool IsTitle { get; set; }
    }
}
