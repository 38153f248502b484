using System.CommandLine;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

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
