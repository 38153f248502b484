using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>Finds a document by id (full, or the short id `kp list` shows), or by its name.</summary>
internal static class DocumentLookup
{
    private const int ShortIdLength = 8;

    /// <summary>
    /// The end of the id: ids are version-7 GUIDs, whose first twelve digits are the creation time and are
    /// shared by documents added in the same second, while the last ones are random.
    /// </summary>
    public static string ShortId(Guid id) => id.ToString("N")[^ShortIdLength..];

    public static async Task<Guid> ResolveAsync(KnowledgeDbContext context, string idOrName, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrName, out var id))
        {
            return await context.Documents.AnyAsync(d => d.Id == id, cancellationToken)
                ? id
                : throw new InvalidOperationException($"no document with id {idOrName}");
        }
        var all = await context.Documents.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
        var byPrefix = idOrName.Length >= 6 && idOrName.All(char.IsAsciiHexDigit)
            ? all.Where(d => d.Id.ToString("N").StartsWith(idOrName, StringComparison.OrdinalIgnoreCase)
                || d.Id.ToString("N").EndsWith(idOrName, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        var matches = byPrefix.Count > 0 ? byPrefix : all.Where(d => string.Equals(d.Name, idOrName, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw new InvalidOperationException($"no document named or with id '{idOrName}' (see kp list)"),
            _ => throw new InvalidOperationException(
                $"'{idOrName}' matches {matches.Count} documents ({string.Join(", ", matches.Select(m => m.Id.ToString("N")))}); use an id"),
        };
    }
}
