namespace KnowledgePortal.Shared.Articles;

/// <summary>No such article, or one the person may not read: the two look the same on purpose.</summary>
public sealed class ArticleNotFoundException() : Exception("There is no such article.");
