namespace KnowledgePortal.Shared.Articles;

/// <summary>The editable content of an article's working copy.</summary>
/// <param name="Tags">Comma-separated.</param>
public sealed record ArticleDraft(string Title, string Body, string? Summary = null, string Tags = "");
