namespace KnowledgePortal.Shared.Evaluation;

/// <summary>
/// The figures of a golden-set run: Hit@k and MRR@k over the questions that have citations,
/// Hit@5 of the questions answered by one file, and the share of cited files found for questions
/// that span several.
/// </summary>
public sealed class EvaluationReport(IReadOnlyList<QuestionOutcome> outcomes)
{
    public IReadOnlyList<QuestionOutcome> Outcomes { get; } = outcomes;

    private IEnumerable<QuestionOutcome> Scored => Outcomes.Where(o => o.Question.Citations.Count > 0);

    public int Questions => Scored.Count();

    public int SingleFileQuestions => Scored.Count(o => !o.Question.SpansFiles);

    public int MultiFileQuestions => Scored.Count(o => o.Question.SpansFiles);

    public double HitAt(int k) => Share(Scored, o => o.HitAt(k) ? 1 : 0);

    public double MrrAt(int k) => Share(Scored, o => o.FirstHitRank is { } rank && rank <= k ? 1.0 / rank : 0);

    public double SingleFileHitAt(int k) => Share(Scored.Where(o => !o.Question.SpansFiles), o => o.HitAt(k) ? 1 : 0);

    /// <summary>Mean share of cited files present in the retrieved list, over the questions that span several files.</summary>
    public double MultiFileCoverage => Share(Scored.Where(o => o.Question.SpansFiles), o => o.FileCoverage ?? 0);

    /// <summary>Questions with no hit in the top <paramref name="k"/>, in the set's order.</summary>
    public IReadOnlyList<QuestionOutcome> MissesAt(int k) => [.. Scored.Where(o => !o.HitAt(k))];

    private static double Share(IEnumerable<QuestionOutcome> outcomes, Func<QuestionOutcome, double> value)
    {
        var list = outcomes.ToList();
        return list.Count == 0 ? 0 : list.Sum(value) / list.Count;
    }
}
