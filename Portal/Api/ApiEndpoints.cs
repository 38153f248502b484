using KnowledgePortal.Portal.Health;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Api;

/// <summary>The HTTP API for integrations (chat bots, intranet widgets), its health endpoint and its OpenAPI document.</summary>
public static class ApiEndpoints
{
    private const string AskDescription =
        "Answers a question from the documents the caller may read, streamed as server-sent events " +
        "(text/event-stream), one JSON object per `data:` line, in this order: `sources` (the numbered passages the " +
        "answer may cite as [n]), any number of `delta` ({\"text\"}: append to the answer), `citations` (the checked " +
        "citations of the final answer), then `done` ({\"text\", \"notFound\", \"notice\", \"stopped\", \"conversationId\"}: " +
        "show its text in place of the deltas). An `error` event replaces the last two if answering fails after the " +
        "stream started. Closing the connection stops generation. The answer is saved to the caller's history; pass " +
        "the returned conversationId with the next question to follow up.";

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "KnowledgePortal API";
            document.Info.Description = "Ask and search the knowledge base with the permissions of the signed-in caller.";
            return Task.CompletedTask;
        }));
        services.AddOptions<ApiRequestLimits>().BindConfiguration(ApiRequestLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(ChatModelProbe.HttpClientName);
        services.AddSingleton<ChatModelProbe>();
        services.AddSingleton<HealthReporter>();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        services.AddSingleton<HealthAccess>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Knowledge");
        // Answers and passages are one person's view of the documents: no browser or proxy cache may keep them.
        api.AddEndpointFilter(async (invocation, next) =>
        {
            invocation.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(invocation);
        });
        api.MapPost("/ask", AskEndpoint.HandleAsync)
            .WithName("Ask")
            .WithSummary("Ask a question; the answer streams as server-sent events")
            .WithDescription(AskDescription)
            .Accepts<AskRequest>("application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Produces(StatusCodes.Status401Unauthorized);
        api.MapGet("/search", SearchEndpoint.HandleAsync)
            .WithName("Search")
            .WithSummary("Search the documents the caller may read")
            .WithDescription($"Hybrid (vector + keyword) search, best first. `q` is required; `top` is 1 to {SearchEndpoint.MaxTop} (default {SearchEndpoint.DefaultTop}).")
            .Produces<SearchResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Produces(StatusCodes.Status401Unauthorized);
        api.MapGet("/articles", ArticlesEndpoint.ListAsync)
            .WithName("ListArticles")
            .WithSummary("The published knowledge articles the caller may read")
            .WithDescription("Curated articles, by title, with their verification; without bodies.")
            .Produces(StatusCodes.Status401Unauthorized);
        api.MapGet("/articles/{id:guid}", ArticlesEndpoint.GetAsync)
            .WithName("GetArticle")
            .WithSummary("One published article with its Markdown body")
            .WithDescription("404 when there is no published article with that id that the caller may read.")
            .Produces(StatusCodes.Status401Unauthorized);

        endpoints.MapGet("/health", async (HttpContext context, HealthReporter reporter, HealthAccess access, CancellationToken cancellationToken) =>
            {
                var health = await reporter.CheckAsync(cancellationToken);
                context.Response.Headers.CacheControl = "no-store";
                var statusCode = health.Status == PortalHealth.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
                return access.MaySeeDetails(context)
                    ? Results.Json(health, statusCode: statusCode)
                    : Results.Json(new HealthStatus(health.Status), statusCode: statusCode);
            })
            .AllowAnonymous()
            .WithName("Health")
            .WithTags("Operations")
            .WithSummary("Healthy, degraded or unhealthy; details for administrators and monitoring")
            .WithDescription(
                "No sign-in needed. 200 when healthy or degraded, 503 when unhealthy. Anyone gets the status alone; an administrator " +
                $"(signed in) or a request with the configured token in the `{HealthAccess.TokenHeader}` header gets the details: " +
                "messages, database, index, embedder, chat model and ingestion worker. Holds no secrets.")
            // The details' shape; the anonymous body is its status field alone.
            .Produces<PortalHealth>()
            .Produces<PortalHealth>(StatusCodes.Status503ServiceUnavailable);

        // Like everything but sign-in and /health, the document needs a signed-in caller (the fallback policy).
        endpoints.MapOpenApi();
        return endpoints;
    }

    /// <summary>
    /// The API answers errors with its own bodies (problem details, or none for 401/403); the pages' error
    /// page must not be rendered into them. A refusal the framework makes before any handler runs (415 for a
    /// body that is not JSON, 405, 404 for an unknown address) gets a problem document too, so a client always
    /// learns what was wrong.
    /// </summary>
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        await next(context);
        var response = context.Response;
        if (response.StatusCode is >= 400 and < 500 and not StatusCodes.Status401Unauthorized and not StatusCodes.Status403Forbidden
            && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            var problem = response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? ApiProblems.NotJson()
                : Results.Problem(statusCode: response.StatusCode, title: ReasonPhrases.GetReasonPhrase(response.StatusCode));
            await problem.ExecuteAsync(context);
        }
    });

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi");
}
