using System.CommandLine;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>
/// Whose view `kp search` and `kp ask` take. The operator on the data directory sees every document
/// unless `--groups` asks to see what a member of those groups would see.
/// </summary>
internal static class CallerOptions
{
    public static readonly Option<string[]> Groups = new("--groups")
    {
        Description = "Search as a member of these groups (comma-separated); default: see every document",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Vector search skips documents embedded by another model, so say so instead of returning quietly worse results.</summary>
    public static async Task WarnIfModelChangedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (recorded, _) = await services.GetRequiredService<IndexManifest>().ReadAsync(cancellationToken);
        var configured = services.GetRequiredService<KnowledgePortal.Shared.Embeddings.IEmbeddingModel>().ModelId;
        if (recorded is not null && recorded != configured)
        {
            await Console.Error.WriteLineAsync(
                $"kp: warning: the index was built with '{recorded}' but '{configured}' is configured; only keyword search finds documents until you run `kp reindex`.");
        }
    }

    public static async Task<SearchFilter> FilterAsync(ParseResult result, IDbContextFactory<KnowledgeDbContext> contextFactory, CancellationToken cancellationToken)
    {
        if (result.GetValue(Groups) is { Length: > 0 } groups)
        {
            return new SearchFilter(Principals.ForGroups(groups.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))));
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = await context.DocumentAudiences.Select(a => a.Principal).Distinct().ToListAsync(cancellationToken);
        return new SearchFilter(new HashSet<string>(all.Append(Principals.Everyone), StringComparer.OrdinalIgnoreCase));
    }
}
