using System.Diagnostics;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Portal.Health;

/// <summary>
/// What <c>GET /health</c> reports. Cheap enough to be polled every few seconds: a few aggregate queries,
/// no embedding, and the chat model probed at most once a minute (<see cref="ChatModelProbe"/>).
/// </summary>
public sealed partial class HealthReporter(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    IndexManifest manifest,
    IEmbeddingModel embedder,
    ChatModelProbe chatProbe,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<HealthReporter> logger)
{
    public async Task<PortalHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var messages = new List<string>();
        var configuredDimension = embedder is RemoteEmbeddingGenerator remote ? remote.KnownDimension : embedder.Dimension;
        var loaded = embedder switch
        {
            LocalMiniLmEmbeddingGenerator local => local.IsModelLoaded,
            RemoteEmbeddingGenerator r => r.KnownDimension is not null,
            _ => true,
        };
        var embedderHealth = new EmbedderHealth(embedder.ModelId, loaded);

        IndexHealth? index = null;
        WorkerHealth? worker = null;
        var started = Stopwatch.GetTimestamp();
        string provider = "SQLite";
        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            provider = ProviderName(context.Database.ProviderName);
            var searchable = context.Documents.AsNoTracking().Where(d => d.IndexedHash != null);
            var documents = await searchable.CountAsync(cancellationToken);
            var chunks = await searchable.SumAsync(d => (long)d.ChunkCount, cancellationToken);
            var (model, dimension) = await manifest.ReadAsync(cancellationToken);
            // An empty index has no model yet: the first ingestion records the configured one.
            var matches = model is null
                || (model == embedder.ModelId && (configuredDimension is null || dimension == configuredDimension));
            index = new IndexHealth(documents, chunks, model, dimension, embedder.ModelId, configuredDimension, matches);

            var jobs = await context.Jobs.AsNoTracking()
                .GroupBy(j => j.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var dayAgo = time.GetUtcNow().AddDays(-1);
            var failedLastDay = await context.Jobs.AsNoTracking()
                .CountAsync(j => j.Status == JobStatus.Failed && j.FinishedAt >= dayAgo, cancellationToken);
            worker = new WorkerHealth(
                configuration.GetValue("KnowledgePortal:Ingestion:RunWorker", true),
                jobs.FirstOrDefault(j => j.Status == JobStatus.Queued)?.Count ?? 0,
                jobs.FirstOrDefault(j => j.Status == JobStatus.Running)?.Count ?? 0,
                failedLastDay);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Logged here, not shown: database errors can quote file paths and connection details.
            LogDatabaseFailed(logger, exception);
            messages.Add("The database cannot be read.");
        }
        var database = new DatabaseHealth(index is not null, provider, index is null ? null : Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        var chat = await chatProbe.GetAsync(cancellationToken);
        if (index is { Matches: false })
        {
            messages.Add($"The index was built with the embedding model '{index.Model}' ({index.Dimension} dimensions) but the configured model is " +
                $"'{index.ConfiguredModel}': vector search skips it until the index is rebuilt. Run `kp reindex` (or Re-index all on the Documents page).");
        }
        if (chat.Reachable == false)
        {
            messages.Add($"The chat model cannot be reached, so answers quote the documents instead. {chat.Problem}");
        }
        var status = !database.Reachable ? PortalHealth.Unhealthy
            : messages.Count > 0 ? PortalHealth.Degraded
            : PortalHealth.Healthy;
        return new PortalHealth(status, messages, database, index, embedderHealth, chat, worker);
    }

    private static string ProviderName(string? efProvider) => efProvider switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => "SQLite",
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "PostgreSQL",
        _ => efProvider ?? "unknown",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check: the database cannot be read")]
    private static partial void LogDatabaseFailed(ILogger logger, Exception exception);
}
