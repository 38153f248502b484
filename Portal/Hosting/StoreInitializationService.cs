using KnowledgePortal.Shared.Storage;

namespace KnowledgePortal.Portal.Hosting;

/// <summary>Creates the data directory and brings the database up to date before the portal serves a request.</summary>
public sealed class StoreInitializationService(KnowledgeStoreInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
