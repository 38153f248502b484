namespace KnowledgePortal.Shared.Retrieval;

/// <summary>
/// Merges ranked lists by summing weight / (k + rank) per item. Ranks, not raw scores, are combined,
/// because cosine similarities and bm25 scores live on unrelated scales.
/// </summary>
public static class ReciprocalRankFusion
{
    public static IReadOnlyList<FusedChunk> Fuse(int k, params (IReadOnlyList<ScoredChunk> Ranking, double Weight)[] rankings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var fused = new Dictionary<long, FusedChunk>();
        for (var list = 0; list < rankings.Length; list++)
        {
            var (ranking, weight) = rankings[list];
            for (var i = 0; i < ranking.Count; i++)
            {
                var id = ranking[i].ChunkId;
                var rank = i + 1;
                var entry = fused.GetValueOrDefault(id) ?? new FusedChunk(id, 0, new int?[rankings.Length]);
                entry.Ranks[list] ??= rank; // an id listed twice in one ranking counts once, at its best rank
                fused[id] = entry with { Score = entry.Score + (entry.Ranks[list] == rank ? weight / (k + rank) : 0) };
            }
        }
        return fused.Values
            .OrderByDescending(f => f.Score)
            .ThenBy(f => f.Ranks.Min(r => r ?? int.MaxValue))
            .ThenBy(f => f.ChunkId)
            .ToList();
    }
}
