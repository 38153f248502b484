using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Drops running headers and footers (the same line at the same place on most pages) and
/// standalone page numbers, so they neither split paragraphs nor pollute every chunk.
/// </summary>
internal static partial class PdfRunningTextFilter
{
    /// <summary>How many lines at each edge of a page can be header or footer lines.</summary>
    private const int EdgeLines = 3;

    /// <summary>How far (points) the same running line may drift between pages.</summary>
    private const double PositionTolerance = 4.0;

    /// <summary>Page numbers sit in the margin: within this share of the page height from an edge.</summary>
    private const double PageNumberBand = 0.12;

    public static IReadOnlyList<PdfPageLines> Apply(IReadOnlyList<PdfPageLines> pages)
    {
        var drop = new HashSet<PdfLine>(ReferenceEqualityComparer.Instance);
        FindRepeatedEdgeLines(pages, drop);
        FindPageNumbers(pages, drop);
        if (drop.Count == 0)
        {
            return pages;
        }
        return pages
            .Select(p => p with { Lines = p.Lines.Where(l => !drop.Contains(l)).ToList() })
            .ToList();
    }

    private static void FindRepeatedEdgeLines(IReadOnlyList<PdfPageLines> pages, HashSet<PdfLine> drop)
    {
        // Below three pages a repeated line is as likely to be content as a running header.
        if (pages.Count(p => p.Lines.Count > 0) < 3)
        {
            return;
        }
        var needed = Math.Max(3, (int)Math.Ceiling(pages.Count * 0.5));

        var groups = new Dictionary<(bool Top, string Key), List<(int Page, double Distance, PdfLine Line)>>();
        foreach (var page in pages)
        {
            foreach (var (line, top) in EdgeCandidates(page))
            {
                var key = (top, Mask(line.Text));
                if (key.Item2.Length == 0)
                {
                    continue;
                }
                var distance = top ? page.Height - line.Top : line.Bottom;
                if (!groups.TryGetValue(key, out var members))
                {
                    groups[key] = members = [];
                }
                members.Add((page.Number, distance, line));
            }
        }

        foreach (var members in groups.Values)
        {
            if (members.Count < needed)
            {
                continue;
            }
            foreach (var member in members)
            {
                var pagesAtSamePlace = members
                    .Where(m => Math.Abs(m.Distance - member.Distance) <= PositionTolerance)
                    .Select(m => m.Page)
                    .Distinct()
                    .Count();
                if (pagesAtSamePlace >= needed)
                {
                    drop.Add(member.Line);
                }
            }
        }
    }

    private static void FindPageNumbers(IReadOnlyList<PdfPageLines> pages, HashSet<PdfLine> drop)
    {
        foreach (var page in pages)
        {
            foreach (var (line, top) in EdgeCandidates(page))
            {
                var distance = top ? page.Height - line.Top : line.Bottom;
                if (distance <= page.Height * PageNumberBand && PageNumber().IsMatch(line.Text.Trim()))
                {
                    drop.Add(line);
                }
            }
        }
    }

    private static IEnumerable<(PdfLine Line, bool Top)> EdgeCandidates(PdfPageLines page)
    {
        var byHeight = page.Lines.OrderByDescending(l => l.Top).ToList();
        for (var i = 0; i < byHeight.Count; i++)
        {
            if (i < EdgeLines || i >= byHeight.Count - EdgeLines)
            {
                var line = byHeight[i];
                yield return (line, (line.Top + line.Bottom) / 2 > page.Height / 2);
            }
        }
    }

    /// <summary>Lower-cased, whitespace-collapsed, digits masked, so "Page 3 of 9" matches "Page 4 of 9".</summary>
    internal static string Mask(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(char.IsDigit(c) ? '#' : char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"^(?:(?:page|p\.|pg\.?)\s*)?[-\u2013\u2014\[(]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*(?:(?:of|/)\s*\d{1,4})?\s*[-\u2013\u2014\])]?$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}
