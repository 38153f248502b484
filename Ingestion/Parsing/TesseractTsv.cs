using System.Globalization;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Tesseract's TSV output (one row per page, block, paragraph, line and word, with pixel boxes) as
/// PDF lines: words grouped by line in Tesseract's reading order, boxes converted to points with y
/// growing upwards, one layout block per paragraph.
/// </summary>
internal static class TesseractTsv
{
    /// <summary>Words Tesseract is less sure of than this are noise (speckles read as letters).</summary>
    private const double MinConfidence = 30;

    public static List<PdfLine> Lines(string tsv, double pageHeight)
    {
        var rows = tsv.Split('\n');
        double imageHeight = 0;
        var lines = new List<(int Paragraph, List<(string Text, int Left, int Top, int Width, int Height)> Words)>();
        (int Block, int Paragraph, int Line)? current = null;
        var paragraphs = new Dictionary<(int, int), int>();
        foreach (var row in rows.Skip(1))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < 12 || !int.TryParse(cells[0], out var level))
            {
                continue;
            }
            var box = cells[6..10].Select(c => int.TryParse(c, out var v) ? v : 0).ToArray();
            if (level == 1)
            {
                imageHeight = box[3];
                continue;
            }
            if (level != 5 || string.IsNullOrWhiteSpace(cells[11])
                || !double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) || confidence < MinConfidence)
            {
                continue;
            }
            var key = (int.Parse(cells[2], CultureInfo.InvariantCulture), int.Parse(cells[3], CultureInfo.InvariantCulture), int.Parse(cells[4], CultureInfo.InvariantCulture));
            if (current != key)
            {
                if (!paragraphs.TryGetValue((key.Item1, key.Item2), out var paragraph))
                {
                    paragraph = paragraphs.Count;
                    paragraphs[(key.Item1, key.Item2)] = paragraph;
                }
                lines.Add((paragraph, []));
                current = key;
            }
            lines[^1].Words.Add((cells[11].Trim(), box[0], box[1], box[2], box[3]));
        }
        if (imageHeight <= 0)
        {
            return [];
        }

        var scale = pageHeight / imageHeight;
        return lines.Select(line =>
        {
            var top = line.Words.Min(w => w.Top);
            var bottom = line.Words.Max(w => w.Top + w.Height);
            var heights = line.Words.Select(w => w.Height).Order().ToList();
            return new PdfLine(
                string.Join(' ', line.Words.Select(w => w.Text)),
                Left: line.Words.Min(w => w.Left) * scale,
                Top: pageHeight - (top * scale),
                Right: line.Words.Max(w => w.Left + w.Width) * scale,
                Bottom: pageHeight - (bottom * scale),
                // The median word box stands in for the type size: headings come out larger, as in print.
                FontSize: heights[heights.Count / 2] * scale,
                IsBold: false,
                BlockIndex: line.Paragraph,
                StartsListItem: false);
        }).ToList();
    }
}
