using System.CommandLine;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>
/// `kp reindex`: re-parses, re-chunks and re-embeds every document from its stored original with the
/// configured model (after a model or chunking change). Documents stay searchable by keyword meanwhile.
/// </summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Rebuild every document's chunks and vectors with the configured embedding model");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var services = host.Services;
            var jobIds = await services.GetRequiredService<ReindexScheduler>().ScheduleAllAsync(cancellationToken);
            Console.WriteLine($"Re-indexing {jobIds.Count} document(s)...");
            await services.GetRequiredService<IngestionWorker>().RunUntilIdleAsync(cancellationToken);
            var contextFactory = services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var failed = await context.Jobs
                .Where(j => jobIds.Contains(j.Id) && j.Status == JobStatus.Failed)
                .Join(context.Documents, j => j.DocumentId, d => d.Id, (j, d) => new { d.Name, j.Error })
                .ToListAsync(cancellationToken);
            foreach (var failure in failed)
            {
                Console.Error.WriteLine($"failed: {failure.Name}: {failure.Error}");
            }
            Console.WriteLine($"Re-indexed {jobIds.Count - failed.Count} of {jobIds.Count} document(s).");
            return failed.Count == 0 ? KpProgram.Success : KpProgram.Failure;
        });
        return command;
    }
}
