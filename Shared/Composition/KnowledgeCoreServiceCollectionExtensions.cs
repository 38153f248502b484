using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Gaps;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Shared.VectorStores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Shared.Composition;

public static class KnowledgeCoreServiceCollectionExtensions
{
    /// <summary>
    /// The query side of the knowledge base, composed once for every host (the portal and `kp`): the
    /// database in the data directory, the configured embedder, the vector and keyword indexes, hybrid
    /// retrieval and answering with the configured chat model. Ingestion and hosting add their own
    /// services on top; nothing here starts work at registration.
    /// </summary>
    public static IServiceCollection AddKnowledgeCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.AddKnowledgeStorage(configuration);
        services.AddEmbeddings(configuration);
        services.AddVectorIndex();
        services.AddRetrieval(configuration);
        services.AddAnswering(configuration);
        services.AddArticles(configuration);
        services.AddKnowledgeGaps(configuration);
        services.AddCuration();
        return services;
    }
}
