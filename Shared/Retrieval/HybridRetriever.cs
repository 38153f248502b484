using System.Diagnostics;
using System.Numerics.Tensors;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Retrieval;

/// <summary>
/// Finds the passages that answer a query: vector and keyword search run side by side, each
/// filtered by the caller's principals inside the search, and their rankings are fused.
/// </summary>
public sealed class HybridRetriever(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IVectorIndex vectorIndex,
    IKeywordIndex keywordIndex,
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    IOptions<RetrievalOptions> options)
{
    private static readonly ActivitySource Activity = new("KnowledgePortal.Retrieval");

    private readonly RetrievalOptions options = options.Value;

    public async Task<IReadOnlyList<Passage>> RetrieveAsync(RetrievalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = Activity.StartActivity("retrieve");
        if (string.IsNullOrWhiteSpace(request.Query) || request.Top <= 0)
        {
            return [];
        }
        var pool = Math.Max(options.CandidatesPerSearch, request.Top);
        var queryVector = await embedder.GenerateVectorAsync(request.Query, cancellationToken: cancellationToken);

        var vectorTask = request.Mode == RetrievalMode.Keyword
            ? Task.FromResult<IReadOnlyList<ScoredChunk>>([])
            : vectorIndex.SearchAsync(queryVector, request.Filter, pool, cancellationToken);
        var keywordTask = request.Mode == RetrievalMode.Vector
            ? Task.FromResult<IReadOnlyList<ScoredChunk>>([])
            : keywordIndex.SearchAsync(request.Query, request.Filter, pool, cancellationToken);
        var vectorHits = await vectorTask;
        var keywordHits = await keywordTask;

        var fused = ReciprocalRankFusion.Fuse(options.RrfK, (vectorHits, options.VectorWeight), (keywordHits, options.KeywordWeight));
        return await HydrateAsync(fused, queryVector, request, cancellationToken);
    }

    /// <summary>
    /// Applies the document-title boost to the fused candidates, then loads the best from the database,
    /// dropping any that vanished since they were indexed (a document replaced or deleted meanwhile) and
    /// re-checking readability as a last line of defence.
    /// </summary>
    private async Task<IReadOnlyList<Passage>> HydrateAsync(
        IReadOnlyList<FusedChunk> fused, ReadOnlyMemory<float> queryVector, RetrievalRequest request, CancellationToken cancellationToken)
    {
        if (fused.Count == 0)
        {
            return [];
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var candidateIds = fused.Select(f => f.ChunkId).ToList();
        var owners = await context.Chunks.AsNoTracking()
            .Where(c => candidateIds.Contains(c.Id))
            .Select(c => new { c.Id, c.DocumentId })
            .ToDictionaryAsync(c => c.Id, c => c.DocumentId, cancellationToken);
        var ranked = await BoostByTitleAsync(context, fused, owners, request.Query, cancellationToken);

        // Read a few more than asked, so that chunks dropped below do not shorten the list.
        var wanted = ranked.Take(request.Top * 2 + 5).ToList();
        var ids = wanted.Select(f => f.ChunkId).ToList();
        var rows = await (
            from chunk in context.Chunks.AsNoTracking()
            join document in context.Documents.AsNoTracking() on chunk.DocumentId equals document.Id
            where ids.Contains(chunk.Id)
            select new
            {
                Chunk = chunk,
                document.Name,
                document.Title,
                document.Kind,
                Audience = document.Audience.Select(a => a.Principal).ToList(),
            }).ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Chunk.Id);

        var passages = new List<Passage>(request.Top);
        foreach (var candidate in wanted)
        {
            if (!byId.TryGetValue(candidate.ChunkId, out var row)
                || !request.Filter.AllowsAudience(row.Audience)
                || !request.Filter.AllowsDocument(row.Chunk.DocumentId, row.Kind))
            {
                continue;
            }
            var chunk = row.Chunk;
            passages.Add(new Passage(
                chunk.Id, chunk.DocumentId, row.Name, row.Title, row.Kind, chunk.Ordinal,
                chunk.PageStart, chunk.PageEnd, chunk.HeadingPath, chunk.Text,
                Score: candidate.Score,
                Similarity: Similarity(queryVector.Span, chunk.Vector),
                chunk.StartOffset, chunk.EndOffset,
                VectorRank: candidate.Ranks[0],
                KeywordRank: candidate.Ranks[1]));
            if (passages.Count == request.Top)
            {
                break;
            }
        }
        return passages;
    }

    private async Task<IReadOnlyList<FusedChunk>> BoostByTitleAsync(
        KnowledgeDbContext context, IReadOnlyList<FusedChunk> fused, Dictionary<long, Guid> owners, string query, CancellationToken cancellationToken)
    {
        if (options.TitleBoostWeight <= 0)
        {
            return fused;
        }
        var documentIds = owners.Values.Distinct().ToList();
        var documents = await context.Documents.AsNoTracking()
            .Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.Title })
            .ToDictionaryAsync(d => d.Id, d => (d.Name, d.Title), cancellationToken);
        var boosts = DocumentTitleBoost.Score(query, documents);
        if (boosts.Count == 0)
        {
            return fused;
        }
        // A full boost is worth TitleBoostWeight first places in the fusion.
        var vote = options.TitleBoostWeight / (options.RrfK + 1);
        return fused
            .Select(f => owners.TryGetValue(f.ChunkId, out var owner) && boosts.TryGetValue(owner, out var boost)
                ? f with { Score = f.Score + vote * boost }
                : f)
            .OrderByDescending(f => f.Score)
            .ToList();
    }

    private static double Similarity(ReadOnlySpan<float> query, byte[] stored)
    {
        if (VectorBytes.Dimension(stored) != query.Length)
        {
            return 0; // built by another model; `kp reindex` brings it into this space
        }
        return TensorPrimitives.CosineSimilarity(query, VectorBytes.ToFloats(stored));
    }
}
