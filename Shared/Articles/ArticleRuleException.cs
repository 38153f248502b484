namespace KnowledgePortal.Shared.Articles;

/// <summary>An article action that the lifecycle or the article's settings do not allow, with a message for the person who tried it.</summary>
public sealed class ArticleRuleException(string message) : Exception(message);
