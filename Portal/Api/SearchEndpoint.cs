using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Portal.Features;
using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Portal.Api;

/// <summary><c>GET /api/search</c>: hybrid search within what the caller may read, the same search the portal's pages use.</summary>
internal static class SearchEndpoint
{
    public const int DefaultTop = 10;
    public const int MaxTop = 50;

    public static async Task<IResult> HandleAsync(
        string? q,
        string? top,
        HttpContext context,
        CallerResolver callers,
        UserRateLimiter rateLimiter,
        HybridRetriever retriever,
        SourceBadges sourceBadges,
        CancellationToken cancellationToken)
    {
        var query = q?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return ApiProblems.Invalid("q", "Give something to search for: q is empty.");
        }
        if (QueryLength.Problem("query", query) is { } tooLong)
        {
            return ApiProblems.Invalid("q", tooLong);
        }
        var count = string.IsNullOrEmpty(top) ? DefaultTop : QueryValues.PositiveInt(top) ?? 0;
        if (count is < 1 or > MaxTop)
        {
            return ApiProblems.Invalid("top", $"top must be a whole number from 1 to {MaxTop}.");
        }
        var caller = await callers.ResolveAsync(context.User, cancellationToken);
        var userId = caller.UserId ?? throw new InvalidOperationException("The API requires a signed-in caller.");
        if (rateLimiter.TryAcquire(UsageKind.Search, userId) is { } wait)
        {
            return ApiProblems.TooMany(context, "Too many searches", "searching", wait);
        }
        var passages = await retriever.RetrieveAsync(new RetrievalRequest(query, caller.Filter, count), cancellationToken);
        var badges = await sourceBadges.ForAsync(passages.Select(p => p.DocumentId), cancellationToken);
        return TypedResults.Ok(new SearchResponse(query, [.. passages.Select(p => new SearchHit(
            p.DocumentName, p.DocumentTitle, p.DocumentId, p.ChunkId, p.PageStart, p.PageEnd, p.HeadingPath, p.Score, p.Text,
            SourceLinks.AbsoluteViewer(context.Request, p.DocumentId, p.PageStart, p.ChunkId),
            p.Kind is { } kind ? DocumentKinds.Code(kind) : null,
            ApiArticle.From(badges.GetValueOrDefault(p.DocumentId)?.Article),
            badges.GetValueOrDefault(p.DocumentId)?.Outdated == true))]));
    }
}
