using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Shared.Articles;

public static class ArticlesServiceCollectionExtensions
{
    /// <summary>
    /// Knowledge articles: their lifecycle, what editors and readers see of them. The host also
    /// registers an <see cref="IArticleIndex"/> (ingestion does) for publishing to reach search.
    /// </summary>
    public static IServiceCollection AddArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArticlesOptions>()
            .Bind(configuration.GetSection(ArticlesOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ArticleWorkflow>();
        services.AddSingleton<ArticleCatalog>();
        services.AddSingleton<ArticleImages>();
        return services;
    }
}
