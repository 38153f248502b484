namespace KnowledgePortal.Bench;

/// <summary>Hit@k and MRR@k over questions, from each question's per-rank hit flags.</summary>
internal sealed class RetrievalQuality
{
    private readonly List<IReadOnlyList<bool>> results = [];

    public int Questions => results.Count;

    public void Add(IReadOnlyList<bool> hitsByRank) => results.Add(hitsByRank);

    public double HitAt(int k) => results.Count(r => r.Take(k).Any(h => h)) / (double)results.Count;

    public double Mrr(int k) => results.Sum(r =>
    {
        var first = r.Take(k).ToList().IndexOf(true);
        return first < 0 ? 0 : 1.0 / (first + 1);
    }) / results.Count;
}
