using System.Globalization;
using System.Text;

namespace KnowledgePortal.Shared.Text;

/// <summary>
/// Cuts a passage down to the stretch that best shows why it matched, and splits it into plain and
/// matched segments. Words match the query as the keyword index matches them: the same word, or the
/// same Porter stem ("reimbursed" finds "reimbursement"). Segments are text; whoever shows them
/// encodes them, so a passage or query that looks like HTML stays text.
/// </summary>
public static class Snippets
{
    private const string Ellipsis = "…";

    /// <summary>Characters of context kept before the first match in the window.</summary>
    private const int LeadIn = 60;

    public static IReadOnlyList<SnippetSegment> Build(string text, string query, int maxLength = 280)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 20);
        var normalized = TextNormalizer.CollapseWhitespace(text);
        var matches = Matches(normalized, query);
        var (start, end) = Window(normalized, matches, maxLength);

        var segments = new List<SnippetSegment>();
        var plain = new StringBuilder(start > 0 ? Ellipsis : string.Empty);
        var position = start;
        foreach (var match in matches.Where(m => m.Start >= start && m.End <= end))
        {
            plain.Append(normalized, position, match.Start - position);
            Flush(segments, plain);
            segments.Add(new SnippetSegment(normalized[match.Start..match.End], IsMatch: true));
            position = match.End;
        }
        plain.Append(normalized, position, end - position);
        if (end < normalized.Length)
        {
            plain.Append(Ellipsis);
        }
        Flush(segments, plain);
        return segments;
    }

    private static void Flush(List<SnippetSegment> segments, StringBuilder plain)
    {
        if (plain.Length > 0)
        {
            segments.Add(new SnippetSegment(plain.ToString(), IsMatch: false));
            plain.Clear();
        }
    }

    /// <summary>The words of <paramref name="text"/> that match a query term, with the term each one matched.</summary>
    private static List<Match> Matches(string text, string query)
    {
        var terms = QueryTerms.Extract(query);
        if (terms.Count == 0)
        {
            terms = [.. QueryTerms.Words(query).Distinct()]; // a query of stop words only still shows them
        }
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            keys.TryAdd(terms[i], i);
            keys.TryAdd(WordStems.Of(terms[i]), i);
        }
        var matches = new List<Match>();
        if (keys.Count == 0)
        {
            return matches;
        }
        var wordStart = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordCharacter(text[i]);
            if (inWord && wordStart < 0)
            {
                wordStart = i;
            }
            else if (!inWord && wordStart >= 0)
            {
                var word = text[wordStart..i].ToLowerInvariant();
                if (keys.TryGetValue(word, out var term) || keys.TryGetValue(WordStems.Of(word), out term))
                {
                    matches.Add(new Match(wordStart, i, term));
                }
                wordStart = -1;
            }
        }
        return matches;
    }

    /// <summary>The stretch of at most <paramref name="maxLength"/> characters that holds the most different query terms.</summary>
    private static (int Start, int End) Window(string text, List<Match> matches, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return (0, text.Length);
        }
        var bestStart = 0;
        var bestTerms = -1;
        foreach (var first in matches)
        {
            var candidate = Math.Max(0, first.Start - LeadIn);
            var terms = matches.Where(m => m.Start >= candidate && m.End <= candidate + maxLength).Select(m => m.Term).Distinct().Count();
            if (terms > bestTerms)
            {
                (bestStart, bestTerms) = (candidate, terms);
            }
        }
        var start = bestStart;
        if (start > 0)
        {
            // Start on a word, not inside one.
            var space = text.IndexOf(' ', start);
            start = space >= 0 && space < start + LeadIn ? space + 1 : start;
        }
        var end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end - 1, end - start);
            end = space > start ? space : end;
        }
        return (start, end);
    }

    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private readonly record struct Match(int Start, int End, int Term);
}
