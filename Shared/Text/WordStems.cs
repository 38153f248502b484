using System.Globalization;
using System.Text;

namespace KnowledgePortal.Shared.Text;

/// <summary>
/// The one way words are reduced to compare a question with a passage, everywhere: accents folded, then
/// Porter's stemmer, exactly as the FTS5 keyword index ("remove_diacritics", "porter") stores them, so the
/// highlighter, the title boost and the extractive answerer agree with what keyword search matched.
/// </summary>
public static class WordStems
{
    public static string Of(string lowerCaseWord)
    {
        ArgumentNullException.ThrowIfNull(lowerCaseWord);
        return PorterStemmer.Stem(FoldDiacritics(lowerCaseWord));
    }

    private static string FoldDiacritics(string word)
    {
        if (word.All(char.IsAscii))
        {
            return word;
        }
        var decomposed = word.Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }
}
