using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.Util;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Turns the glyphs of one PDF page into lines in reading order, grouped into layout blocks.
/// </summary>
/// <remarks>
/// Words come from <see cref="DefaultWordExtractor"/>: on the corpus it yields exactly the same
/// blocks as the nearest-neighbour extractor at a hundredth of the cost. A page that is plainly one
/// column is read line by line from the top; any other page goes through Docstrum (blocks: columns,
/// paragraphs, list bodies) and the unsupervised reading-order detector. On the corpus both routes
/// give the same page texts, and skipping Docstrum where it adds nothing saves about a third of the time.
/// </remarks>
internal static partial class PdfPageReader
{
    public const string Bullet = "\u2022";

    // One thread per page: a page takes a few milliseconds, and documents are parsed side by side
    // by the ingestion workers, so fanning out inside a page only adds scheduling overhead.
    private static readonly DocstrumBoundingBoxes Segmenter = new(
        new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });

    public static PdfPageLines Read(Page page)
    {
        var words = DefaultWordExtractor.Instance.GetWords(page.Letters)
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .ToList();
        if (words.Count == 0)
        {
            return new PdfPageLines(page.Number, page.Height, []);
        }

        var raw = new List<PdfLine>();
        var rows = new Dictionary<TextLine, string>(ReferenceEqualityComparer.Instance);
        var blocks = Segment(words, rows);
        for (var blockIndex = 0; blockIndex < blocks.Count; blockIndex++)
        {
            foreach (var line in blocks[blockIndex].OrderByDescending(l => l.BoundingBox.Top).ThenBy(l => l.BoundingBox.Left))
            {
                var described = Describe(line, blockIndex);
                if (described is not null)
                {
                    raw.Add(rows.TryGetValue(line, out var row) ? described with { Text = row } : described);
                }
            }
        }

        return new PdfPageLines(page.Number, page.Height, MarkListItems(AttachDetachedBullets(raw)));
    }

    /// <param name="rows">Filled with the text of table rows found on the page, cells joined by " | ".</param>
    private static List<IReadOnlyList<TextLine>> Segment(List<Word> words, Dictionary<TextLine, string> rows)
    {
        var byBaseline = SegmentByBaseline(words);
        if (IsSingleColumn(byBaseline))
        {
            return byBaseline;
        }
        try
        {
            // Tables are read row by row, label beside its figures; layout analysis would cut them into columns.
            var tables = PdfTables.Find(byBaseline);
            var inTables = new HashSet<Word>(tables.SelectMany(t => t.SelectMany(r => r.Line.Words)), ReferenceEqualityComparer.Instance);
            foreach (var row in tables.SelectMany(t => t))
            {
                rows[row.Line] = row.Text;
            }
            var rest = words.Where(w => !inTables.Contains(w)).ToList();
            var blocks = rest.Count == 0
                ? []
                : UnsupervisedReadingOrderDetector.Instance.Get(Segmenter.GetBlocks(rest)).Select(b => b.TextLines).ToList();
            foreach (var table in tables)
            {
                var top = table[0].Line.BoundingBox.Top;
                var at = blocks.FindIndex(b => b.Max(l => l.BoundingBox.Top) < top);
                blocks.Insert(at < 0 ? blocks.Count : at, table.Select(r => r.Line).ToList());
            }
            return blocks;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Layout analysis is heuristics over geometry and can trip on odd pages (degenerate
            // boxes, rotated glyphs); a page read top to bottom is still far better than losing it.
            return byBaseline;
        }
    }

    /// <summary>
    /// A page is one column when no line has a gutter-wide gap between words and no two nearby lines
    /// sit side by side. Such a page reads top to bottom, and the layout analysis (most of the cost
    /// of a page) would only confirm it; anything else, including false alarms, goes to Docstrum.
    /// </summary>
    private static bool IsSingleColumn(List<IReadOnlyList<TextLine>> blocks)
    {
        var lines = blocks.SelectMany(b => b).ToList();
        foreach (var line in lines)
        {
            var size = Math.Max(line.Words[0].Letters[0].PointSize, 1.0);
            for (var i = 1; i < line.Words.Count; i++)
            {
                if (line.Words[i].BoundingBox.Left - line.Words[i - 1].BoundingBox.Right > 2.0 * size)
                {
                    return false;
                }
            }
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var a = lines[i].BoundingBox;
            for (var j = i + 1; j < lines.Count; j++)
            {
                var b = lines[j].BoundingBox;
                var near = Math.Abs((a.Top + a.Bottom) / 2 - (b.Top + b.Bottom) / 2) < 2.5 * Math.Max(a.Height, b.Height);
                if (near && (a.Right < b.Left - 1 || b.Right < a.Left - 1))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<IReadOnlyList<TextLine>> SegmentByBaseline(List<Word> words)
    {
        var lines = new List<List<Word>>();
        foreach (var word in words.OrderByDescending(Baseline).ThenBy(w => w.BoundingBox.Left))
        {
            var current = lines.Count > 0 ? lines[^1] : null;
            var tolerance = Math.Max(1.0, word.BoundingBox.Height * 0.5);
            if (current is not null && Math.Abs(Baseline(current[0]) - Baseline(word)) <= tolerance)
            {
                current.Add(word);
            }
            else
            {
                lines.Add([word]);
            }
        }

        var blocks = new List<IReadOnlyList<TextLine>>();
        var block = new List<TextLine>();
        TextLine? previous = null;
        foreach (var lineWords in lines)
        {
            var line = new TextLine(lineWords.OrderBy(w => w.BoundingBox.Left).ToList(), " ");
            if (previous is not null
                && previous.BoundingBox.Bottom - line.BoundingBox.Top > 1.5 * Math.Max(previous.BoundingBox.Height, 1.0))
            {
                blocks.Add(block);
                block = [];
            }
            block.Add(line);
            previous = line;
        }
        blocks.Add(block);
        return blocks;
    }

    private static double Baseline(Word word) => word.Letters[0].StartBaseLine.Y;

    private static PdfLine? Describe(TextLine line, int blockIndex)
    {
        var text = line.Text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var sizes = new List<double>();
        int bold = 0, visible = 0;
        foreach (var word in line.Words)
        {
            foreach (var letter in word.Letters)
            {
                if (string.IsNullOrWhiteSpace(letter.Value))
                {
                    continue;
                }
                visible++;
                sizes.Add(letter.PointSize);
                if (IsBoldFace(letter))
                {
                    bold++;
                }
            }
        }
        if (visible == 0)
        {
            return null;
        }
        sizes.Sort();
        var box = line.BoundingBox;
        return new PdfLine(
            text,
            box.Left,
            box.Top,
            box.Right,
            box.Bottom,
            sizes[sizes.Count / 2],
            bold * 2 > visible,
            blockIndex,
            StartsListItem: false);
    }

    private static bool IsBoldFace(Letter letter)
    {
        // Subset fonts are named like "BCDFEE+Calibri-Bold"; the weight in the font descriptor is
        // unreliable (Word writes 500 for regular Cambria subsets), so a heavy-sounding name counts too.
        if (letter.FontDetails is { IsBold: true })
        {
            return true;
        }
        var name = letter.FontName ?? string.Empty;
        return name.Contains("Bold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Word often draws a list bullet in its own font at its own position, so layout analysis puts
    /// it in a separate block from the item's text; the bullet is moved back in front of the line
    /// it sits beside, and that line starts a list item.
    /// </summary>
    private static List<PdfLine> AttachDetachedBullets(List<PdfLine> lines)
    {
        var bulletIndexes = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (IsBulletGlyph(lines[i].Text))
            {
                bulletIndexes.Add(i);
            }
        }
        if (bulletIndexes.Count == 0)
        {
            return lines;
        }

        var result = lines.ToArray();
        var bullets = new HashSet<int>(bulletIndexes);
        foreach (var b in bulletIndexes)
        {
            var bullet = lines[b];
            var centre = (bullet.Top + bullet.Bottom) / 2;
            var best = -1;
            var bestGap = double.MaxValue;
            for (var i = 0; i < lines.Count; i++)
            {
                var candidate = result[i];
                if (bullets.Contains(i) || candidate.StartsListItem)
                {
                    continue;
                }
                var gap = candidate.Left - bullet.Right;
                if (centre < candidate.Bottom - 1 || centre > candidate.Top + 1 || gap < -1 || gap > 72 || gap >= bestGap)
                {
                    continue;
                }
                best = i;
                bestGap = gap;
            }
            if (best >= 0)
            {
                result[best] = result[best] with { Text = $"{Bullet} {result[best].Text}", StartsListItem = true };
            }
        }

        var kept = new List<PdfLine>(lines.Count - bullets.Count);
        for (var i = 0; i < result.Length; i++)
        {
            if (!bullets.Contains(i))
            {
                kept.Add(result[i]);
            }
        }
        return kept;
    }

    internal static IReadOnlyList<PdfLine> MarkListItems(List<PdfLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsListItem)
            {
                continue;
            }
            if (line.Text.Length > 1 && IsBulletChar(line.Text[0]))
            {
                lines[i] = line with { Text = $"{Bullet} {line.Text[1..].TrimStart()}", StartsListItem = true };
                continue;
            }
            if (NumberedItem().IsMatch(line.Text))
            {
                // A wrapped sentence can begin with "12. " too; a list number follows the end of a
                // sentence, a colon, or the top of its block.
                var previous = i > 0 && lines[i - 1].BlockIndex == line.BlockIndex ? lines[i - 1].Text : null;
                if (previous is null || ".:;!?".Contains(previous[^1]))
                {
                    lines[i] = line with { StartsListItem = true };
                }
            }
        }
        return lines;
    }

    internal static bool IsBulletGlyph(string text) => text.Length == 1 && IsBulletChar(text[0]);

    private static bool IsBulletChar(char c) => c switch
    {
        '\u2022' or '\u25CF' or '\u25AA' or '\u25A0' or '\u25E6' or '\u25CB' or '\u25FE' or '\u2023'
            or '\u2043' or '\u2219' or '\u27A2' or '\u27A4' or '\u25BA' or '\u2713' or '\u2714' or '\u00B7' => true,
        // Symbol and Wingdings bullets that come through unmapped, in the private use area.
        '\uF0B7' or '\uF0A7' or '\uF0D8' or '\uF076' or '\uF0FC' or '\uF06E' or '\uF0A8' => true,
        _ => false,
    };

    [GeneratedRegex(@"^\d{1,3}[.)]\s+\S")]
    private static partial Regex NumberedItem();
}
