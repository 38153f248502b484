using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Shared.Curation;

public static class CurationServiceCollectionExtensions
{
    /// <summary>Editors' curation of raw documents (hide, outdated, pins) and the badges readers see.</summary>
    public static IServiceCollection AddCuration(this IServiceCollection services)
    {
        services.AddSingleton<DocumentCuration>();
        services.AddSingleton<SourceBadges>();
        return services;
    }
}
