using System.Diagnostics;
using System.Globalization;
using System.Text;
using KnowledgePortal.Ingestion.Cli;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Evaluation;
using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KnowledgePortal.Bench;

/// <summary>
/// `--articles`: how long a published article takes to become answerable (publish, then the first
/// search that finds it, with the portal's polling worker running), p50/p95 over 20 articles; and
/// the corpus's retrieval figures before and after those 20 curated articles (on other subjects) are
/// added, with and without the curated-article boost, so the boost is seen not to push them into
/// answers they do not belong to.
/// </summary>
internal static class ArticlesBenchmark
{
    public const string Heading = "## Articles";

    private const int ArticleCount = 20;

    private static readonly string[] Subjects =
    [
        "badge office", "bicycle cage", "lost and found desk", "mother's room", "quiet library", "print shop", "travel desk",
        "first-aid room", "shuttle stop", "game room", "recycling point", "locker bank", "meditation room", "courier desk",
        "tool library", "rooftop terrace", "phone booth row", "coat room", "key cabinet", "plant nursery",
    ];

    public static async Task RunAsync(BenchArguments arguments, CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("kp-bench-articles-").FullName;
        try
        {
            using var host = await KpServices.StartAsync(dataDir, verbose: false, ct);
            var services = host.Services;
            await services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["warm up"], cancellationToken: ct);
            var intake = services.GetRequiredService<DocumentIntake>();
            // sec10q keeps its filings in docs/; contoso keeps its documents beside the questions.
            var documents = Directory.Exists(Path.Combine(arguments.Corpus, "docs")) ? Path.Combine(arguments.Corpus, "docs") : arguments.Corpus;
            foreach (var file in Directory.EnumerateFiles(documents).Where(f => f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).Order())
            {
                await intake.SubmitFileAsync(file, null, ct);
            }
            await services.GetRequiredService<IngestionWorker>().RunUntilIdleAsync(ct);
            var questions = await CorpusQuestions.AnswerableAsync(arguments.Corpus, ct);
            var evaluator = services.GetRequiredService<GoldenSetEvaluator>();
            var before = await evaluator.EvaluateAsync(questions, SearchFilter.Everyone, RetrievalMode.Hybrid, GoldenSetEvaluator.DefaultTop, null, ct);
            Console.WriteLine($"before: Hit@5 {before.HitAt(5):0.000} MRR@10 {before.MrrAt(10):0.000}");

            // The portal's own worker loop, polling as it does, so the latency includes the wait for a poll.
            using var worker = new CancellationTokenSource();
            var running = Task.Run(() => services.GetRequiredService<IngestionWorker>().RunAsync(worker.Token), ct);
            var workflow = services.GetRequiredService<ArticleWorkflow>();
            var retriever = services.GetRequiredService<HybridRetriever>();
            var latencies = new Latencies();
            for (var i = 0; i < ArticleCount; i++)
            {
                var (title, body, question, fact) = Article(i);
                var article = await workflow.CreateAsync(ArticleActor.CommandLine, new ArticleDraft(title, body), null, ct);
                var started = Stopwatch.GetTimestamp();
                await workflow.PublishAsync(ArticleActor.CommandLine, article.Id, ct);
                while (!(await retriever.RetrieveAsync(new RetrievalRequest(question, SearchFilter.Everyone, 5), ct)).Any(p => p.Text.Contains(fact, StringComparison.Ordinal)))
                {
                    if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(2))
                    {
                        throw new TimeoutException($"article {i} was not found two minutes after publishing");
                    }
                    await Task.Delay(20, ct);
                }
                latencies.Add(Stopwatch.GetElapsedTime(started));
            }
            await worker.CancelAsync();
            await running;
            var poll = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestionOptions>>().Value.PollSeconds;
            Console.WriteLine($"publish to answerable: p50 {latencies.Percentile(50):0} ms, p95 {latencies.Percentile(95):0} ms (worker polls every {poll} s)");

            var after = await evaluator.EvaluateAsync(questions, SearchFilter.Everyone, RetrievalMode.Hybrid, GoldenSetEvaluator.DefaultTop, null, ct);
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetrievalOptions>>().Value;
            var boost = options.ArticleBoostWeight;
            options.ArticleBoostWeight = 0;
            var unboosted = await evaluator.EvaluateAsync(questions, SearchFilter.Everyone, RetrievalMode.Hybrid, GoldenSetEvaluator.DefaultTop, null, ct);
            options.ArticleBoostWeight = boost;
            Console.WriteLine($"after:  Hit@5 {after.HitAt(5):0.000} MRR@10 {after.MrrAt(10):0.000} (boost 0: {unboosted.HitAt(5):0.000} / {unboosted.MrrAt(10):0.000})");

            var md = new StringBuilder();
            md.AppendLine(Heading).AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, corpus `{Path.GetFileName(arguments.Corpus)}`");
            md.AppendLine(CultureInfo.InvariantCulture, $"- command: `{arguments.CommandLine}`");
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Publish to answerable ({ArticleCount} articles, each published while the worker polls every {poll} s, then searched every 20 ms until its fact is in the top 5): p50 {latencies.Percentile(50):0} ms, p95 {latencies.Percentile(95):0} ms, max {latencies.Percentile(100):0} ms.");
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Retrieval on `questions.jsonl` (hybrid, top 10) with {ArticleCount} curated articles on other subjects added:").AppendLine();
            md.AppendLine("| index | Hit@1 | Hit@5 | MRR@10 |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var (label, report) in new[] { ("documents only", before), ($"+ {ArticleCount} articles, boost {boost}", after), ($"+ {ArticleCount} articles, boost 0", unboosted) })
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {report.HitAt(1):0.000} | {report.HitAt(5):0.000} | {report.MrrAt(10):0.000} |");
            }
            Console.WriteLine(md);
            if (arguments.OutputFile is not null)
            {
                var existing = ResultsFile.Without(File.Exists(arguments.OutputFile) ? await File.ReadAllTextAsync(arguments.OutputFile, ct) : string.Empty, Heading);
                await File.WriteAllTextAsync(arguments.OutputFile, existing.TrimEnd() + Environment.NewLine + Environment.NewLine + md, ct);
                Console.WriteLine($"wrote {arguments.OutputFile}");
            }
            await host.StopAsync(ct);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>An article about an office facility with a fact found nowhere else, and the question that finds it.</summary>
    private static (string Title, string Body, string Question, string Fact) Article(int i)
    {
        var subject = Subjects[i % Subjects.Length];
        var fact = string.Create(CultureInfo.InvariantCulture, $"room {410 + (i * 7)} on floor {2 + (i % 5)}");
        var body = string.Create(CultureInfo.InvariantCulture, $"""
            ## Where it is

            The {subject} is in {fact}, next to the east lifts.

            ## Opening hours

            It is open on weekdays from {7 + (i % 3)}:30 to {16 + (i % 4)}:00. On public holidays it stays closed.

            ## Who to ask

            The facilities team answers questions about the {subject} at extension {2200 + i}.
            """);
        return ($"The {subject}", body, $"Where is the {subject}?", fact);
    }
}
