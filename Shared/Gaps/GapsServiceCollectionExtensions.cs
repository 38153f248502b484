using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Shared.Gaps;

public static class GapsServiceCollectionExtensions
{
    /// <summary>The editors' knowledge-gap queue; builds on articles (a gap is closed by writing one).</summary>
    public static IServiceCollection AddKnowledgeGaps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GapsOptions>()
            .Bind(configuration.GetSection(GapsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<GapEmbeddings>();
        services.AddSingleton<KnowledgeGaps>();
        return services;
    }
}
