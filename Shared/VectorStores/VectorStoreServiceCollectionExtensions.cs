using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Shared.VectorStores;

public static class VectorStoreServiceCollectionExtensions
{
    /// <summary>Registers the embedded vector index (exact search over the vectors in the database) as <see cref="IVectorIndex"/>.</summary>
    public static IServiceCollection AddVectorIndex(this IServiceCollection services)
    {
        services.AddSingleton<EmbeddedVectorIndex>();
        services.AddSingleton<IVectorIndex>(sp => sp.GetRequiredService<EmbeddedVectorIndex>());
        return services;
    }
}
