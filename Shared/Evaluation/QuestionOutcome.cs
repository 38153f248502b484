namespace KnowledgePortal.Shared.Evaluation;

/// <summary>How one golden question fared: which ranks hit, what ranked first, and the share of its cited files that were retrieved.</summary>
public sealed record QuestionOutcome(GoldenQuestion Question, IReadOnlyList<bool> HitsByRank, RankedSource? RankedFirst, double? FileCoverage)
{
    /// <summary>1-based rank of the first hit, or null when none of the retrieved passages hits.</summary>
    public int? FirstHitRank { get; } = FirstHit(HitsByRank);

    public bool HitAt(int k) => FirstHitRank is { } rank && rank <= k;

    private static int? FirstHit(IReadOnlyList<bool> hits)
    {
        for (var i = 0; i < hits.Count; i++)
        {
            if (hits[i])
            {
                return i + 1;
            }
        }
        return null;
    }
}
