using KnowledgePortal.Shared.Composition;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Ingestion.Cli;

/// <summary>
/// Builds the services a `kp` command uses, on the same data directory and configuration keys as the
/// portal: `--data` wins over <c>KnowledgePortal__DataDir</c>, which wins over ./data.
/// </summary>
public static class KpServices
{
    /// <summary>For commands that never embed (`kp user`, `kp token`): the model is not loaded.</summary>
    public static Task<IHost> StartWithoutModelAsync(string? dataDir, bool verbose, CancellationToken cancellationToken) =>
        StartAsync(dataDir, verbose, cancellationToken, settings: new Dictionary<string, string> { ["KnowledgePortal:Embeddings:WarmUp"] = "false" });

    public static async Task<IHost> StartAsync(
        string? dataDir, bool verbose, CancellationToken cancellationToken, bool withWorker = false, IDictionary<string, string>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddEnvironmentVariables();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings!);
        }
        if (!string.IsNullOrWhiteSpace(dataDir))
        {
            builder.Configuration[$"{StorageOptions.Section}:DataDir"] = dataDir;
        }
        builder.Logging.ClearProviders();
        // Logs go to stderr so that --json output on stdout stays machine-readable.
        builder.Logging.AddConsole(o => o.FormatterName = KpConsoleFormatter.Name)
            .AddConsoleFormatter<KpConsoleFormatter, KpConsoleFormatterOptions>(o => o.Verbose = verbose);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", verbose ? LogLevel.Warning : LogLevel.Error);

        builder.Services.AddKnowledgeCore(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        // `kp user` and `kp token`: the same people, rules and hashed tokens as the portal.
        builder.Services.AddPortalIdentityCore();
        if (withWorker)
        {
            builder.Services.AddHostedService<Pipeline.IngestionHostedService>();
        }

        var host = builder.Build();
        await host.Services.GetRequiredService<KnowledgeStoreInitializer>().InitializeAsync(cancellationToken);
        await host.StartAsync(cancellationToken);
        return host;
    }
}
