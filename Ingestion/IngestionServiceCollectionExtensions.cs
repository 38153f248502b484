using KnowledgePortal.Ingestion.Chunking;
using KnowledgePortal.Ingestion.Embeddings;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Ingestion.VectorStores;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Everything that turns files into searchable chunks, plus the embedder and vector index that
    /// retrieval shares. Does not start a worker: hosts add <see cref="IngestionHostedService"/> when they want one.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ChunkingOptions>()
            .Bind(configuration.GetSection(ChunkingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddEmbeddings(configuration);
        services.AddDocumentParsing();
        services.AddSingleton<StructureAwareChunker>();
        services.AddSingleton<IndexManifest>();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<IngestionWorker>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<DocumentRemover>();
        services.AddSingleton<ReindexScheduler>();
        services.AddSingleton<EmbeddedVectorIndex>();
        services.AddSingleton<IVectorIndex>(sp => sp.GetRequiredService<EmbeddedVectorIndex>());
        return services;
    }
}
