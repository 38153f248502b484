using System.CommandLine;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp stats [--json]`: how big the knowledge base is and which model built it.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Show documents, chunks, failures and the embedding model");
        command.Options.Add(KpOptions.Json);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var services = host.Services;
            var contextFactory = services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var (model, dimension) = await services.GetRequiredService<IndexManifest>().ReadAsync(cancellationToken);
            var configured = services.GetRequiredService<IEmbeddingModel>();
            var stats = new
            {
                documents = await context.Documents.CountAsync(cancellationToken),
                chunks = await context.Chunks.CountAsync(cancellationToken),
                pages = await context.DocumentPages.CountAsync(cancellationToken),
                failed = await context.Documents.CountAsync(d => d.Status == DocumentStatus.Failed, cancellationToken),
                queued = await context.Jobs.CountAsync(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running, cancellationToken),
                model = model ?? configured.ModelId,
                dimension = dimension ?? configured.Dimension,
                configuredModel = configured.ModelId,
                dataDir = services.GetRequiredService<DataDirectory>().Root,
            };
            if (result.GetValue(KpOptions.Json))
            {
                CliJson.WriteLine(stats);
            }
            else
            {
                Console.WriteLine($"Data directory: {stats.dataDir}");
                Console.WriteLine($"Documents:      {stats.documents} ({stats.failed} failed, {stats.queued} waiting)");
                Console.WriteLine($"Pages:          {stats.pages}");
                Console.WriteLine($"Chunks:         {stats.chunks}");
                Console.WriteLine($"Model:          {stats.model} ({stats.dimension} dimensions)");
                if (stats.model != stats.configuredModel)
                {
                    Console.WriteLine($"Configured:     {stats.configuredModel}: run `kp reindex` to rebuild with it");
                }
            }
            return KpProgram.Success;
        });
        return command;
    }
}
