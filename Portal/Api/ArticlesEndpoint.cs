using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Articles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgePortal.Portal.Api;

/// <summary>
/// <c>GET /api/articles</c> and <c>GET /api/articles/{id}</c>: the published articles the caller may
/// read. An article they may not read, a draft, a retired or an expired one are all a plain 404.
/// </summary>
public static class ArticlesEndpoint
{
    public static async Task<Ok<IReadOnlyList<ApiPublishedArticle>>> ListAsync(
        HttpContext context, CallerResolver callers, ArticleCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(context.User, cancellationToken);
        var articles = await catalog.PublishedAsync(caller.Filter.Principals, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiPublishedArticle>>([.. articles.Select(a => ApiPublishedArticle.From(a, context.Request))]);
    }

    public static async Task<Results<Ok<ApiPublishedArticle>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, CallerResolver callers, ArticleCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(context.User, cancellationToken);
        return await catalog.PublishedVersionAsync(caller.Filter.Principals, id, cancellationToken) is { } article
            ? TypedResults.Ok(ApiPublishedArticle.From(article, context.Request))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such article");
    }
}

/// <summary>A published knowledge article as the API gives it.</summary>
/// <param name="Body">The Markdown body; only <c>GET /api/articles/{id}</c> has it.</param>
/// <param name="ViewerUrl">The article in the portal's source viewer, once it is indexed.</param>
public sealed record ApiPublishedArticle(
    Guid Id, string Title, string? Summary, IReadOnlyList<string> Tags, int Version, DateTimeOffset PublishedAt,
    bool Verified, string? VerifiedBy, DateTimeOffset? VerifiedAt, bool NeedsReview, string? Body, string? ViewerUrl)
{
    public static ApiPublishedArticle From(PublishedArticle article, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(article);
        var badge = article.Badge;
        return new(article.Id, article.Title, article.Summary, article.Tags, article.Version, article.PublishedAt,
            badge.Verified, badge.VerifiedBy, badge.VerifiedAt, badge.NeedsReview, article.Body,
            article.DocumentId is { } documentId ? SourceLinks.AbsoluteViewer(request, documentId, 1, null) : null);
    }
}
