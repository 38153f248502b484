namespace KnowledgePortal.Shared.Text;

/// <summary>
/// A deliberately small English suffix stripper: enough for "reimbursed" to meet "reimbursement"
/// when comparing a question with a passage, without a full Porter implementation.
/// </summary>
public static class LightStemmer
{
    private static readonly string[] Suffixes =
    [
        "ements", "ement", "ations", "ation", "ingly", "ings", "ing", "ities", "ity", "ness", "ments", "ment",
        "ies", "ied", "ers", "er", "ed", "es", "ly", "s",
    ];

    public static string Stem(string lowerCaseWord)
    {
        ArgumentNullException.ThrowIfNull(lowerCaseWord);
        foreach (var suffix in Suffixes)
        {
            if (lowerCaseWord.Length - suffix.Length >= 4 && lowerCaseWord.EndsWith(suffix, StringComparison.Ordinal))
            {
                return lowerCaseWord[..^suffix.Length];
            }
        }
        return lowerCaseWord;
    }
}
