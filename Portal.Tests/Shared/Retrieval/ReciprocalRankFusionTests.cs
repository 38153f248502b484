using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Tests.Shared.Retrieval;

public class ReciprocalRankFusionTests
{
    private static List<ScoredChunk> Ranking(params long[] ids) => ids.Select((id, i) => new ScoredChunk(id, 100 - i)).ToList();

    [Fact]
    public void A_chunk_found_by_both_searches_outranks_chunks_found_by_one()
    {
        var fused = ReciprocalRankFusion.Fuse(60, (Ranking(1, 2, 3), 1.0), (Ranking(4, 3, 5), 1.0));

        Assert.Equal(3, fused[0].ChunkId);
        Assert.Equal([3, 2], fused[0].Ranks.Select(r => r!.Value));
    }

    [Fact]
    public void Scores_follow_one_over_k_plus_rank()
    {
        var fused = ReciprocalRankFusion.Fuse(10, (Ranking(7), 1.0), (Ranking(8, 7), 2.0));

        var seven = fused.Single(f => f.ChunkId == 7);
        Assert.Equal(1.0 / 11 + 2.0 / 12, seven.Score, 10);
        Assert.Equal(7, fused[0].ChunkId);
    }

    [Fact]
    public void Weights_decide_between_lists()
    {
        var keywordHeavy = ReciprocalRankFusion.Fuse(60, (Ranking(1), 0.5), (Ranking(2), 2.0));

        Assert.Equal(2, keywordHeavy[0].ChunkId);
        Assert.Null(keywordHeavy[0].Ranks[0]);
    }

    [Fact]
    public void A_duplicate_in_one_list_counts_once_at_its_best_rank()
    {
        var fused = ReciprocalRankFusion.Fuse(60, (Ranking(1, 1, 2), 1.0));

        Assert.Equal(1.0 / 61, fused.Single(f => f.ChunkId == 1).Score, 10);
    }

    [Fact]
    public void Empty_lists_fuse_to_nothing() =>
        Assert.Empty(ReciprocalRankFusion.Fuse(60, (Ranking(), 1.0), (Ranking(), 1.0)));
}
