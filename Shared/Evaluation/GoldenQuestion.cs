namespace KnowledgePortal.Shared.Evaluation;

/// <summary>A question of a golden set with the sources that answer it (none for a question the documents cannot answer).</summary>
public sealed record GoldenQuestion(string Id, string Question, IReadOnlyList<GoldenCitation> Citations)
{
    public IReadOnlyList<string> CitedFiles { get; } = [.. Citations.Select(c => c.File).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Its answer is spread over several files (every filing of a company, say): coverage matters, not just the first hit.</summary>
    public bool SpansFiles => CitedFiles.Count > 1;

    /// <summary>Scores one ranked result list for this question: the one scoring rule for `kp eval`, the Evaluation page and the bench.</summary>
    public QuestionOutcome Score(IReadOnlyList<RankedSource> ranked)
    {
        var hits = ranked.Select(r => Citations.Any(c => c.IsHitBy(r.Document, r.PageStart, r.PageEnd))).ToList();
        var found = CitedFiles.Count(f => ranked.Any(r => string.Equals(r.Document, f, StringComparison.OrdinalIgnoreCase)));
        return new QuestionOutcome(this, hits, ranked.Count > 0 ? ranked[0] : null, CitedFiles.Count == 0 ? null : found / (double)CitedFiles.Count);
    }
}
