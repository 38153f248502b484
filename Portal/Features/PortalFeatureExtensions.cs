using KnowledgePortal.Portal.Api;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Conversations;

namespace KnowledgePortal.Portal.Features;

public static class PortalFeatureExtensions
{
    /// <summary>The portal's own services: conversations, feedback, usage limits.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<FeedbackStore>();
        services.AddOptions<UsageLimits>().BindConfiguration(UsageLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UserRateLimiter>();
        services.AddPortalApi();
        return services;
    }

    /// <summary>HTTP endpoints besides the pages: the API, health, original files, sign-in/out.</summary>
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapPortalApi();
        return app;
    }
}
