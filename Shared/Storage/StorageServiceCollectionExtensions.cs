using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the SQLite database in the data directory, the original-file store, the store initializer and the index manifest.</summary>
    public static IServiceCollection AddKnowledgeStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new DataDirectory(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir));
        services.AddSingleton<OriginalFileStore>();
        services.AddPooledDbContextFactory<KnowledgeDbContext>((sp, options) =>
        {
            var dataDirectory = sp.GetRequiredService<DataDirectory>();
            options.UseSqlite(SqliteConnectionStrings.For(dataDirectory.DatabasePath));
        });
        services.AddSingleton<KnowledgeStoreInitializer>();
        services.AddSingleton<IndexManifest>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
