namespace KnowledgePortal.Portal.Features.Articles;

/// <summary>Addresses of the editors' article pages.</summary>
public static class ArticleLinks
{
    public static string Editor(Guid articleId) => $"/articles/{articleId:D}";
}
