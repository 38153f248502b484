using KnowledgePortal.Shared.Embeddings;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Storage;

/// <summary>
/// Records which embedding model and dimension built the index, so vectors of two models are never
/// mixed: a different configured model is refused with instructions to re-index.
/// </summary>
public sealed class IndexManifest(IDbContextFactory<KnowledgeDbContext> contextFactory, IEmbeddingModel model)
{
    internal const string ModelKey = "embedding.model";
    internal const string DimensionKey = "embedding.dimension";

    public async Task<(string? Model, int? Dimension)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await context.Settings.AsNoTracking()
            .Where(s => s.Key == ModelKey || s.Key == DimensionKey)
            .ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return (settings.GetValueOrDefault(ModelKey),
            int.TryParse(settings.GetValueOrDefault(DimensionKey), out var dimension) ? dimension : null);
    }

    /// <summary>Throws <see cref="EmbeddingModelMismatchException"/> when the index was built by another model; records the model on first use.</summary>
    public async Task EnsureCurrentModelAsync(CancellationToken cancellationToken)
    {
        var (recorded, dimension) = await ReadAsync(cancellationToken);
        if (recorded is null)
        {
            // Several workers may start on an empty index at once: the first to record wins, the others compare with it.
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            await context.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO Settings (Key, Value) VALUES ({ModelKey}, {model.ModelId}) ON CONFLICT (Key) DO NOTHING", cancellationToken);
            await context.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO Settings (Key, Value) VALUES ({DimensionKey}, {model.Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture)}) ON CONFLICT (Key) DO NOTHING", cancellationToken);
            (recorded, dimension) = await ReadAsync(cancellationToken);
        }
        if (recorded != model.ModelId || dimension != model.Dimension)
        {
            throw new EmbeddingModelMismatchException(
                $"The index was built with the embedding model '{recorded}' ({dimension} dimensions) but the configured model is " +
                $"'{model.ModelId}' ({model.Dimension} dimensions). Vectors of different models cannot be mixed: run `kp reindex` to rebuild the index.");
        }
    }

    /// <summary>Makes the configured model the index's model (what `kp reindex` does before re-embedding everything).</summary>
    public async Task RecordCurrentModelAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await Upsert(context, ModelKey, model.ModelId, cancellationToken);
        await Upsert(context, DimensionKey, model.Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
    }

    private static async Task Upsert(KnowledgeDbContext context, string key, string value, CancellationToken cancellationToken)
    {
        var setting = await context.Settings.FindAsync([key], cancellationToken);
        if (setting is null)
        {
            context.Settings.Add(new StoreSetting { Key = key, Value = value });
        }
        else
        {
            setting.Value = value;
        }
    }
}
