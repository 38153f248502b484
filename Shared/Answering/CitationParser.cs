using System.Text.RegularExpressions;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// Checks the citations of a model's answer against the sources it was given: keeps markers that
/// name a source, removes the others (with the same rules as <see cref="CitationStreamFilter"/>, so
/// the final text matches what was streamed) and builds the citation list.
/// </summary>
/// <remarks>
/// A citation's quote is the sentence of the cited passage that shares the most words with the claim
/// the marker ends (the answer's text from the start of its sentence up to the marker). Quoting the
/// passage rather than the answer gives the reader the document's own words, and gives the source
/// viewer text it can find and highlight on the page; the model's paraphrase would match nothing there.
/// </remarks>
internal static partial class CitationParser
{
    /// <summary>Longest quote kept; a longer sentence is cut at a word and ends with "…".</summary>
    public const int MaxQuoteLength = 300;

    // A claim shorter than this ("[2] Also") is a marker standing after its sentence's full stop.
    private const int MinClaimWords = 3;

    public static CitedText Parse(string modelText, IReadOnlyList<Passage> sources)
    {
        ArgumentNullException.ThrowIfNull(modelText);
        ArgumentNullException.ThrowIfNull(sources);
        var filter = new CitationStreamFilter(sources.Count);
        var text = (filter.Push(modelText) + filter.Flush()).Trim();

        var claims = new Dictionary<int, List<string>>();
        var order = new List<int>();
        var sentences = SentenceSplitter.Split(text);
        foreach (Match marker in Marker().Matches(text))
        {
            var number = int.Parse(marker.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (!claims.TryGetValue(number, out var list))
            {
                claims[number] = list = [];
                order.Add(number);
            }
            list.Add(ClaimBefore(text, marker.Index, sentences));
        }

        // Readers follow [1], [2], ... through the answer: sources are renumbered in order of first citation,
        // whatever rank retrieval gave them (the model cites by the rank it was shown).
        var renumbered = order.Select((number, i) => (number, i)).ToDictionary(p => p.number, p => p.i + 1);
        var citations = order
            .Select(number => new Citation(renumbered[number], sources[number - 1], Quote(sources[number - 1], claims[number])))
            .ToList();
        var numberedText = Marker().Replace(text, m => $"[{renumbered[int.Parse(m.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture)]}]");
        return new CitedText(numberedText, citations);
    }

    /// <summary>Removes every "[n]" marker, for text that is shown or reused without its sources.</summary>
    public static string StripMarkers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SpacedMarker().Replace(text, string.Empty);
    }

    private static string ClaimBefore(string text, int markerIndex, IReadOnlyList<Range> sentences)
    {
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            var (start, _) = sentences[i].GetOffsetAndLength(text.Length);
            if (start > markerIndex)
            {
                continue;
            }
            var claim = StripMarkers(text[start..markerIndex]);
            if (QueryTerms.Words(claim).Count() < MinClaimWords && i > 0)
            {
                // "Claim. [2]": the marker opens a sentence of its own; the claim is the one before.
                var (previousStart, _) = sentences[i - 1].GetOffsetAndLength(text.Length);
                claim = StripMarkers(text[previousStart..markerIndex]);
            }
            return claim;
        }
        return StripMarkers(text[..markerIndex]);
    }

    private static string Quote(Passage passage, List<string> claims)
    {
        var claimTerms = claims.Select(Terms).ToList();
        string? best = null;
        var bestScore = 0.0;
        string? first = null;
        foreach (var range in SentenceSplitter.Split(passage.Text))
        {
            var sentence = TextNormalizer.CollapseWhitespace(passage.Text[range]);
            if (sentence.Length == 0)
            {
                continue;
            }
            first ??= sentence;
            var sentenceTerms = Terms(sentence);
            foreach (var terms in claimTerms.Where(t => t.Count > 0))
            {
                var score = terms.Count(sentenceTerms.Contains) / (double)terms.Count;
                if (score > bestScore)
                {
                    (best, bestScore) = (sentence, score);
                }
            }
        }
        return Shorten(best ?? first ?? string.Empty);
    }

    private static HashSet<string> Terms(string text) =>
        QueryTerms.Extract(text).Select(WordStems.Of).ToHashSet(StringComparer.Ordinal);

    private static string Shorten(string sentence)
    {
        if (sentence.Length <= MaxQuoteLength)
        {
            return sentence;
        }
        var cut = sentence.LastIndexOf(' ', MaxQuoteLength - 1);
        return sentence[..(cut > MaxQuoteLength / 2 ? cut : MaxQuoteLength - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\[([0-9]{1,3})\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"[ \t]*\[[0-9]{1,3}\]", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedMarker();
}
