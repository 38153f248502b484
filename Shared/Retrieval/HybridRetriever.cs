using System.Diagnostics;
using System.Numerics.Tensors;
using KnowledgePortal.Shared.Documents;
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
    TimeProvider time,
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

        // The keyword search needs no embedding: it runs while the query is embedded.
        var keywordTask = request.Mode == RetrievalMode.Vector
            ? Task.FromResult<IReadOnlyList<ScoredChunk>>([])
            : Task.Run(() => keywordIndex.SearchAsync(request.Query, request.Filter, pool, cancellationToken), cancellationToken);
        var queryVector = await embedder.GenerateVectorAsync(request.Query, cancellationToken: cancellationToken);
        var vectorHits = request.Mode == RetrievalMode.Keyword
            ? []
            : await vectorIndex.SearchAsync(queryVector, request.Filter, pool, cancellationToken);
        var keywordHits = await keywordTask;

        var fused = ReciprocalRankFusion.Fuse(options.RrfK, (vectorHits, options.VectorWeight), (keywordHits, options.KeywordWeight));
        var pinned = await PinnedChunksAsync(request, queryVector, cancellationToken);
        return await HydrateAsync(fused, pinned, queryVector, request, cancellationToken);
    }

    /// <summary>
    /// Loads the fused candidates from the database, applies the document-title boost, and returns the
    /// best, dropping any chunk that vanished since it was indexed (a document replaced or deleted
    /// meanwhile) and re-checking readability as a last line of defence.
    /// </summary>
    private async Task<IReadOnlyList<Passage>> HydrateAsync(
        IReadOnlyList<FusedChunk> fused, IReadOnlyList<long> pinned, ReadOnlyMemory<float> queryVector, RetrievalRequest request, CancellationToken cancellationToken)
    {
        if (fused.Count == 0 && pinned.Count == 0)
        {
            return [];
        }
        if (pinned.Count > 0)
        {
            // A pinned passage goes before everything the searches found, in the order of the pins' similarity.
            var top = fused.Count == 0 ? 0 : fused.Max(f => f.Score);
            fused = [.. pinned.Select((id, i) => new FusedChunk(id, top + 1 + (pinned.Count - i), [null, null])), .. fused.Where(f => !pinned.Contains(f.ChunkId))];
        }
        // First who owns each candidate (to filter and boost), then the full rows of the few that are returned.
        var ids = fused.Select(f => f.ChunkId).ToList();
        var now = time.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var owners = await (
            from chunk in context.Chunks.AsNoTracking()
            join document in context.Documents.AsNoTracking() on chunk.DocumentId equals document.Id
            where ids.Contains(chunk.Id)
            select new CandidateOwner(
                chunk.Id, document.Id, document.Name, document.Title, document.Kind, document.Audience.Select(a => a.Principal).ToList(),
                document.ArticleId != null, document.ExpiresAt, document.HiddenFromAnswers))
            .ToListAsync(cancellationToken);
        // An article past its valid-until date leaves the results at that moment, before anything retires it.
        var readable = owners
            .Where(o => request.Filter.AllowsAudience(o.Audience) && request.Filter.AllowsDocument(o.DocumentId, o.Kind))
            .Where(o => o.ExpiresAt is null || o.ExpiresAt > now)
            .Where(o => !(request.ForAnswer && o.HiddenFromAnswers))
            .ToDictionary(o => o.ChunkId);
        var best = (pinned.Count == 0 ? Boost(fused, readable, request.Query, request.Top, request.Mode) : fused)
            .Where(f => readable.ContainsKey(f.ChunkId))
            .Take(request.Top)
            .ToList();
        var bestIds = best.Select(f => f.ChunkId).ToList();
        var chunks = await context.Chunks.AsNoTracking().Where(c => bestIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        var passages = new List<Passage>(best.Count);
        foreach (var candidate in best)
        {
            if (!chunks.TryGetValue(candidate.ChunkId, out var chunk))
            {
                continue; // replaced or deleted between the two reads
            }
            var owner = readable[candidate.ChunkId];
            passages.Add(new Passage(
                chunk.Id, chunk.DocumentId, owner.Name, owner.Title, owner.Kind, chunk.Ordinal,
                chunk.PageStart, chunk.PageEnd, chunk.HeadingPath, chunk.Text,
                Score: candidate.Score,
                Similarity: Similarity(queryVector.Span, chunk.Vector),
                chunk.StartOffset, chunk.EndOffset,
                VectorRank: candidate.Ranks[0],
                KeywordRank: candidate.Ranks[1]));
        }
        return passages;
    }

    /// <summary>Adds the document-title boost and the curated-article boost, each counted in first places of the fusion.</summary>
    private IEnumerable<FusedChunk> Boost(IReadOnlyList<FusedChunk> fused, Dictionary<long, CandidateOwner> owners, string query, int top, RetrievalMode mode)
    {
        var titleBoosts = options.TitleBoostWeight <= 0
            ? new Dictionary<Guid, double>()
            : DocumentTitleBoost.Score(query, owners.Values.GroupBy(o => o.DocumentId).ToDictionary(g => g.Key, g => (g.First().Name, g.First().Title)));
        var articleBoost = owners.Values.Any(o => o.IsArticle) ? options.ArticleBoostWeight : 0;
        if (titleBoosts.Count == 0 && articleBoost <= 0)
        {
            return fused;
        }
        var firstPlace = 1.0 / (options.RrfK + 1);
        return fused
            .Select(f =>
            {
                if (!owners.TryGetValue(f.ChunkId, out var owner))
                {
                    return f;
                }
                // An article is boosted where both searches rank it among the top, so one that only shares a few
                // words or a vague meaning with the question is not lifted over the document that answers it.
                var strongMatch = mode == RetrievalMode.Hybrid
                    ? f.Ranks.All(rank => rank is { } r && r <= top)
                    : f.Ranks.Any(rank => rank is { } r && r <= top);
                var votes = (titleBoosts.TryGetValue(owner.DocumentId, out var title) ? options.TitleBoostWeight * title : 0)
                    + (owner.IsArticle && strongMatch ? articleBoost : 0);
                return votes > 0 ? f with { Score = f.Score + firstPlace * votes } : f;
            })
            .OrderByDescending(f => f.Score);
    }

    private sealed record CandidateOwner(
        long ChunkId, Guid DocumentId, string Name, string? Title, DocumentKind? Kind, List<string> Audience, bool IsArticle, DateTimeOffset? ExpiresAt,
        bool HiddenFromAnswers);

    /// <summary>
    /// The best passage (for this query) of each document an editor pinned to a question like it, most
    /// similar pin first. The vector index applies the caller's filter, so a pin never shows a reader a
    /// document they may not read.
    /// </summary>
    private async Task<IReadOnlyList<long>> PinnedChunksAsync(RetrievalRequest request, ReadOnlyMemory<float> queryVector, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // One read: with no pins it returns nothing, as cheaply as asking whether there are any.
        var pins = await context.PinnedQueries.AsNoTracking().Select(p => new { p.Query, p.Vector, p.DocumentId }).ToListAsync(cancellationToken);
        if (pins.Count == 0)
        {
            return [];
        }
        var query = request.Query.Trim();
        var matches = pins
            .Select(p => (p.DocumentId, Similarity: string.Equals(p.Query, query, StringComparison.OrdinalIgnoreCase) ? 1.0 : Similarity(queryVector.Span, p.Vector)))
            .Where(p => p.Similarity >= options.PinSimilarity)
            .OrderByDescending(p => p.Similarity)
            .Select(p => p.DocumentId)
            .Distinct()
            .ToList();
        var chunks = new List<long>();
        // A search scoped to some documents ("ask about this") keeps its scope.
        foreach (var documentId in matches.Where(id => request.Filter.DocumentIds is null || request.Filter.DocumentIds.Contains(id)))
        {
            var best = await vectorIndex.SearchAsync(queryVector, request.Filter with { DocumentIds = [documentId] }, 1, cancellationToken);
            chunks.AddRange(best.Select(b => b.ChunkId));
        }
        return chunks;
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
