using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Shared.Storage;

/// <summary>Creates the data directory and brings the database schema up to date; safe to call from several processes.</summary>
public sealed class KnowledgeStoreInitializer(
    DataDirectory dataDirectory,
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    ILogger<KnowledgeStoreInitializer> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool initialized;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (initialized)
        {
            return;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (initialized)
            {
                return;
            }
            dataDirectory.EnsureExists();
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s) to {Database}", pending.Count, dataDirectory.DatabasePath);
                await context.Database.MigrateAsync(cancellationToken);
            }
            initialized = true;
        }
        finally
        {
            gate.Release();
        }
    }
}
