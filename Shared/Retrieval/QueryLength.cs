namespace KnowledgePortal.Shared.Retrieval;

/// <summary>
/// The longest question or search query accepted, with one message for every entry point (API, pages, `kp`):
/// past a few sentences a query only dilutes both searches, and each extra word costs keyword lookups.
/// </summary>
public static class QueryLength
{
    public const int Max = 2000;

    /// <summary>Why <paramref name="text"/> is refused ("The question is 2,345 characters long; ..."), or null when it is accepted.</summary>
    /// <param name="what">What the text is to the person: "question" or "query".</param>
    public static string? Problem(string what, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > Max ? $"The {what} is {text.Length} characters long; at most {Max} are accepted." : null;
    }
}
