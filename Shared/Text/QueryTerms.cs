using System.Globalization;
using System.Text;

namespace KnowledgePortal.Shared.Text;

/// <summary>The content words of a question or query: lower-cased, accents kept, stop words removed.</summary>
public static class QueryTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
        "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
        "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor",
        "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
        "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
        "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
        "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
        "s", "t", "don", "doesn", "isn", "aren", "shall", "may", "might", "must", "also", "get", "got",
        "tell", "please", "know", "there", "whether", "etc", "eg", "ie",
    };

    /// <summary>Distinct content words of <paramref name="text"/> in order of first appearance.</summary>
    public static IReadOnlyList<string> Extract(string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            if (!StopWords.Contains(word) && seen.Add(word))
            {
                terms.Add(word);
            }
        }
        return terms;
    }

    /// <summary>All words of <paramref name="text"/>, lower-cased: runs of letters and digits (apostrophes inside a word split it).</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    public static bool IsStopWord(string lowerCaseWord) => StopWords.Contains(lowerCaseWord);
}
