namespace KnowledgePortal.Portal.Components.Pages.Articles;

/// <summary>
/// What the browser kept of an article's fields after the last save it knows of: text typed while
/// the connection was down, offered back when the editor opens the article again.
/// </summary>
/// <param name="Revision">The revision the text was typed on; saving it on a newer one is a conflict like any other.</param>
/// <param name="At">When it was typed, in milliseconds since 1970 (the browser's clock).</param>
public sealed record UnsavedDraft(int Revision, long At, string? Title, string? Summary, string? Tags, string? Body)
{
    public DateTimeOffset TypedAt => DateTimeOffset.FromUnixTimeMilliseconds(At);

    /// <summary>Whether it differs from the copy the server has, that is, whether restoring it changes anything.</summary>
    public bool DiffersFrom(string title, string? summary, string tags, string body) =>
        (Title ?? title) != title || (Summary ?? string.Empty) != (summary ?? string.Empty) || (Tags ?? tags) != tags || (Body ?? body) != body;
}
