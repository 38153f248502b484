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

    /// <summary>Headers and footers sit in the margins: within this share of the page height from an edge.</summary>
    private const double EdgeBand = 0.12;

    /// <summary>How far (points) the same running line may drift between pages.</summary>
    private const double PositionTolerance = 4.0;

    public static IReadOnlyList<PdfPageLines> Apply(IReadOnlyList<PdfPageLines> pages)
    {
        var bodySize = BodySize(pages);
        var edges = pages.Select(p => (Page: p, Top: EdgeCandidates(p, top: true, bodySize), Bottom: EdgeCandidates(p, top: false, bodySize))).ToList();
        var repeated = RepeatedEdgeLines(edges, pages.Count);

        var drop = new HashSet<PdfLine>(ReferenceEqualityComparer.Instance);
        foreach (var (_, top, bottom) in edges)
        {
            foreach (var side in new[] { top, bottom })
            {
                // Peel from the edge inwards: a running line lies outside all content, so the first
                // line that does not repeat ends the header (or footer).
                foreach (var line in side)
                {
                    if (repeated.Contains(line))
                    {
                        drop.Add(line);
                    }
                    else if (!IsPageNumber(line))
                    {
                        break;
                    }
                }
                foreach (var line in side.Where(IsPageNumber))
                {
                    drop.Add(line);
                }
            }
        }
        if (drop.Count == 0)
        {
            return pages;
        }
        return pages
            .Select(p => p with { Lines = p.Lines.Where(l => !drop.Contains(l)).ToList() })
            .ToList();
    }

    private static HashSet<PdfLine> RepeatedEdgeLines(
        IReadOnlyList<(PdfPageLines Page, List<PdfLine> Top, List<PdfLine> Bottom)> edges, int pageCount)
    {
        var repeated = new HashSet<PdfLine>(ReferenceEqualityComparer.Instance);
        // Below three pages a repeated line is as likely to be content as a running header.
        if (edges.Count(e => e.Page.Lines.Count > 0) < 3)
        {
            return repeated;
        }
        var needed = Math.Max(3, (int)Math.Ceiling(pageCount * 0.5));

        var groups = new Dictionary<(bool Top, string Key), List<(int Page, double Distance, PdfLine Line)>>();
        foreach (var (page, top, bottom) in edges)
        {
            foreach (var (line, isTop) in top.Select(l => (l, true)).Concat(bottom.Select(l => (l, false))))
            {
                var key = (isTop, Mask(line.Text));
                if (!groups.TryGetValue(key, out var members))
                {
                    groups[key] = members = [];
                }
                members.Add((page.Number, isTop ? page.Height - line.Top : line.Bottom, line));
            }
        }

        foreach (var members in groups.Values.Where(m => m.Count >= needed))
        {
            foreach (var member in members)
            {
                var pagesAtSamePlace = members
                    .Where(m => Math.Abs(m.Distance - member.Distance) <= PositionTolerance)
                    .Select(m => m.Page)
                    .Distinct()
                    .Count();
                if (pagesAtSamePlace >= needed)
                {
                    repeated.Add(member.Line);
                }
            }
        }
        return repeated;
    }

    /// <summary>
    /// The lines nearest one edge, outermost first, as long as they sit in the margin band and are
    /// not set larger than the body (a heading at the top of each page is content, not a header).
    /// </summary>
    private static List<PdfLine> EdgeCandidates(PdfPageLines page, bool top, double bodySize)
    {
        var ordered = top ? page.Lines.OrderByDescending(l => l.Top) : page.Lines.OrderBy(l => l.Bottom);
        var candidates = new List<PdfLine>(EdgeLines);
        foreach (var line in ordered.Take(EdgeLines))
        {
            var distance = top ? page.Height - line.Top : line.Bottom;
            if (distance > page.Height * EdgeBand || line.FontSize > bodySize + 0.75)
            {
                break;
            }
            candidates.Add(line);
        }
        return candidates;
    }

    private static bool IsPageNumber(PdfLine line) => PageNumber().IsMatch(line.Text.Trim());

    private static double BodySize(IReadOnlyList<PdfPageLines> pages)
    {
        var bySize = new Dictionary<double, int>();
        foreach (var line in pages.SelectMany(p => p.Lines))
        {
            var size = Math.Round(line.FontSize * 2) / 2;
            bySize[size] = bySize.GetValueOrDefault(size) + line.Text.Length;
        }
        return bySize.Count == 0 ? 0 : bySize.MaxBy(kv => kv.Value).Key;
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
