using Microsoft.Extensions.Hosting;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>Runs the ingestion worker inside a host (the portal by default, or `kp worker`).</summary>
public sealed class IngestionHostedService(IngestionWorker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
