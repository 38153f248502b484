using KnowledgePortal.Ingestion.Articles;
using KnowledgePortal.Ingestion.Chunking;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Ingestion.Pipeline;
using Microsoft.Extensions.Configuration;
using KnowledgePortal.Shared.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Everything that turns files into searchable chunks: parsers, chunker, the job queue and pipeline,
    /// intake and removal. It builds on the knowledge core (<c>AddKnowledgeCore</c>: storage, embedder,
    /// indexes), which the host registers first. Does not start a worker: hosts add
    /// <see cref="IngestionHostedService"/> when they want one.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ChunkingOptions>()
            .Bind(configuration.GetSection(ChunkingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<OcrOptions>()
            .Bind(configuration.GetSection(OcrOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDocumentParsing();
        services.AddSingleton<StructureAwareChunker>();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<IngestionWorker>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<DocumentRemover>();
        services.AddSingleton<ReindexScheduler>();
        services.AddSingleton<ArticleDocuments>();
        services.AddSingleton<IArticleIndex>(provider => provider.GetRequiredService<ArticleDocuments>());
        services.AddSingleton<ArticleIndexRepair>();
        services.AddSingleton<ArticleFolder>();
        return services;
    }
}
