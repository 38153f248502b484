namespace KnowledgePortal.Shared.Text;

/// <summary>Splits prose into sentences, keeping each sentence's position so callers can map it back to the source.</summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "co", "corp", "no", "st", "jr", "sr", "approx", "dept", "fig", "u.s",
    };

    /// <summary>Sentence ranges (start, length) in <paramref name="text"/>, trimmed of surrounding whitespace; covers all non-blank text.</summary>
    public static IReadOnlyList<Range> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Range>();
        var start = SkipWhitespace(text, 0);
        for (var i = start; i < text.Length; i++)
        {
            if (!IsBoundary(text, i, start))
            {
                continue;
            }
            var end = i + 1;
            while (end < text.Length && IsClosing(text[end]))
            {
                end++;
            }
            Add(sentences, text, start, end);
            start = SkipWhitespace(text, end);
            i = start - 1;
        }
        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool IsBoundary(string text, int i, int sentenceStart)
    {
        var c = text[i];
        if (c is '\n' && i + 1 < text.Length && text[i + 1] == '\n')
        {
            return true; // a blank line always ends a sentence
        }
        if (c is not ('.' or '!' or '?' or '…'))
        {
            return false;
        }
        var next = i + 1;
        while (next < text.Length && IsClosing(text[next]))
        {
            next++;
        }
        if (next >= text.Length)
        {
            return false; // the final sentence is added by the caller
        }
        if (!char.IsWhiteSpace(text[next]))
        {
            return false; // "3.5", "example.com", "U.S.A"
        }
        var after = SkipWhitespace(text, next);
        if (after >= text.Length)
        {
            return false;
        }
        var following = text[after];
        if (!(char.IsUpper(following) || char.IsDigit(following) || following is '"' or '“' or '(' or '[' or '•' or '-'))
        {
            return false;
        }
        if (c == '.')
        {
            var wordStart = i;
            while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]))
            {
                wordStart--;
            }
            var word = text[wordStart..i].TrimStart('(', '"', '“');
            if (Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0])))
            {
                return false; // "e.g. The", "J. Smith"
            }
        }
        return true;
    }

    private static bool IsClosing(char c) => c is '"' or '\'' or ')' or ']' or '”' or '’';

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }

    private static void Add(List<Range> sentences, string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            sentences.Add(new Range(start, end));
        }
    }
}
