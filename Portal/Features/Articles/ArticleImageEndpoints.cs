using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Articles;
using Microsoft.Net.Http.Headers;

namespace KnowledgePortal.Portal.Features.Articles;

/// <summary>
/// <c>GET /articles/{id}/images/{imageId}</c>: an image of an article, for its editors and for readers
/// of its published version; to anyone else a 404 exactly like a missing image.
/// </summary>
public static class ArticleImageEndpoints
{
    public static IEndpointRouteBuilder MapArticleImages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/articles/{articleId:guid}/images/{imageId:guid}", ServeAsync)
            .WithName("ArticleImage")
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(
        Guid articleId, Guid imageId, HttpContext http, CallerResolver callers, ArticleImages images, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http.User, cancellationToken);
        var editor = caller.IsEditor && caller.IsAuthenticated ? caller.AsArticleActor() : null;
        if (await images.FindAsync(articleId, imageId, caller.Filter.Principals, editor, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.File(found.Path, found.Image.ContentType, entityTag: new EntityTagHeaderValue($"\"{found.Image.ContentHash}\""));
    }
}
