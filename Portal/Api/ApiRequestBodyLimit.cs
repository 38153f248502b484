using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Api;

/// <summary>
/// Holds <c>/api</c> request bodies to <see cref="ApiRequestLimits.MaxRequestBodyKb"/> before anything reads
/// them, and before sign-in is checked, so nobody makes the portal take in megabytes to refuse them: a
/// declared Content-Length over the limit is answered 413 at once, and a streamed (chunked) body is cut
/// off by the server when it passes the limit (<see cref="ApiJsonBody"/> answers that with the same 413).
/// </summary>
public static class ApiRequestBodyLimit
{
    public static IApplicationBuilder UseApiRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiRequestLimits>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await ApiProblems.TooLarge(limit).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        await next(context);
    });
}
