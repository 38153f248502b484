using KnowledgePortal.Portal.Features.Articles;
using KnowledgePortal.Portal.Features.Search;
using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Portal.Api;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Conversations;

namespace KnowledgePortal.Portal.Features;

public static class PortalFeatureExtensions
{
    /// <summary>The portal's own services: conversations, feedback, usage limits, the source viewer and search.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<ExampleQuestions>();
        services.AddOptions<UsageLimits>().BindConfiguration(UsageLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<ReadableDocuments>();
        services.AddSingleton<SourceViewLoader>();
        services.AddSingleton<PageImages>();
        services.AddSingleton<QuotePageLocator>();
        services.AddSingleton<DocumentSearch>();
        services.AddPortalApi();
        return services;
    }

    /// <summary>HTTP endpoints besides the pages: the API, health, original files, article images, sign-in/out.</summary>
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapOriginalFiles();
        app.MapArticleImages();
        app.MapPortalApi();
        return app;
    }
}
