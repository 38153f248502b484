using KnowledgePortal.Shared.KeywordSearch;
using KnowledgePortal.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Shared.Retrieval;

public static class RetrievalServiceCollectionExtensions
{
    /// <summary>Registers hybrid retrieval and the SQLite keyword index. The vector index and embedder are registered by their own modules (see AddKnowledgeCore).</summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetrievalOptions>()
            .Bind(configuration.GetSection(RetrievalOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IKeywordIndex, SqliteKeywordIndex>();
        services.AddSingleton<HybridRetriever>();
        services.AddSingleton<Evaluation.GoldenSetEvaluator>();
        return services;
    }
}
