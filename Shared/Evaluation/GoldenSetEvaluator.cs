using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Shared.Evaluation;

/// <summary>Runs a golden set against the live index, as the given reader, and scores each question's ranked passages.</summary>
public sealed class GoldenSetEvaluator(HybridRetriever retriever)
{
    /// <summary>Passages retrieved per question: MRR@10 and coverage@10 need ten.</summary>
    public const int DefaultTop = 10;

    public async Task<EvaluationReport> EvaluateAsync(
        IReadOnlyList<GoldenQuestion> questions, SearchFilter filter, RetrievalMode mode, int top,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var outcomes = new List<QuestionOutcome>(questions.Count);
        foreach (var question in questions)
        {
            var passages = await retriever.RetrieveAsync(new RetrievalRequest(Clip(question.Question), filter, top, mode), cancellationToken);
            outcomes.Add(question.Score(Ranked(passages)));
            progress?.Report(outcomes.Count);
        }
        return new EvaluationReport(outcomes);
    }

    public static IReadOnlyList<RankedSource> Ranked(IEnumerable<Passage> passages) =>
        [.. passages.Select(p => new RankedSource(p.DocumentName, p.PageStart, p.PageEnd))];

    /// <summary>A question over the query limit is searched as a person could ask it: its first QueryLength.Max characters.</summary>
    private static string Clip(string question) => question.Length > QueryLength.Max ? question[..QueryLength.Max] : question;
}
