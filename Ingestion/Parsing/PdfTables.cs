using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>One row of a table found on a PDF page: its line, and its cells joined by " | ".</summary>
internal sealed record PdfTableRow(TextLine Line, string Text);

/// <summary>
/// Finds tables on a PDF page from its lines' word gaps: a line whose words fall apart at gutter-wide
/// gaps is a row of cells; three or more such lines in a row, two of them with three cells or more,
/// are a table. Two-column prose has one gap per line and is left alone.
/// </summary>
internal static class PdfTables
{
    public static List<List<PdfTableRow>> Find(List<IReadOnlyList<TextLine>> baselineBlocks)
    {
        var lines = baselineBlocks.SelectMany(b => b).ToList();
        var tables = new List<List<PdfTableRow>>();
        var run = new List<(TextLine Line, List<string> Cells)>();
        void Close()
        {
            if (run.Count >= 3 && run.Count(r => r.Cells.Count >= 3) >= 2)
            {
                tables.Add(run.Select(r => new PdfTableRow(r.Line, string.Join(" | ", r.Cells) + ";")).ToList());
            }
            run.Clear();
        }
        foreach (var line in lines)
        {
            var cells = Cells(line);
            var previous = run.Count > 0 ? run[^1].Line.BoundingBox : (UglyToad.PdfPig.Core.PdfRectangle?)null;
            var close = previous is { } p && p.Bottom - line.BoundingBox.Top > 3 * Math.Max(p.Height, 1.0);
            if (cells.Count < 2 || close)
            {
                Close();
            }
            if (cells.Count >= 2)
            {
                run.Add((line, cells));
            }
        }
        Close();
        return tables;
    }

    /// <summary>The line's words grouped into cells at gaps wider than twice the type size.</summary>
    private static List<string> Cells(TextLine line)
    {
        var cells = new List<string>();
        var cell = new List<string>();
        for (var i = 0; i < line.Words.Count; i++)
        {
            var word = line.Words[i];
            var size = Math.Max(word.Letters[0].PointSize, 1.0);
            if (i > 0 && word.BoundingBox.Left - line.Words[i - 1].BoundingBox.Right > 2.0 * size)
            {
                cells.Add(string.Join(' ', cell));
                cell.Clear();
            }
            cell.Add(word.Text);
        }
        cells.Add(string.Join(' ', cell));
        return cells;
    }
}
