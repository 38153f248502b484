using KnowledgePortal.Shared.Evaluation;

namespace KnowledgePortal.Bench;

/// <summary>A corpus's golden sets, read with the product's own reader (`kp eval` uses the same).</summary>
internal static class CorpusQuestions
{
    public static Task<IReadOnlyList<GoldenQuestion>> AnswerableAsync(string corpus, CancellationToken cancellationToken) =>
        GoldenSet.LoadAsync(Path.Combine(corpus, "questions.jsonl"), cancellationToken);

    /// <summary>Questions the corpus cannot answer; a corpus without such a set (sec10q) has none.</summary>
    public static async Task<IReadOnlyList<GoldenQuestion>> UnanswerableAsync(string corpus, CancellationToken cancellationToken)
    {
        var path = Path.Combine(corpus, "unanswerable.jsonl");
        return File.Exists(path) ? await GoldenSet.LoadAsync(path, cancellationToken) : [];
    }
}
