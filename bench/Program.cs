using System.Diagnostics;
using System.Globalization;
using KnowledgePortal.Bench;
using KnowledgePortal.Ingestion.Chunking;
using KnowledgePortal.Ingestion.Cli;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Evaluation;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

// The benchmark: ingestion speed and memory, search latency, retrieval quality and abstention on the
// evaluation corpus, and search latency on a synthetic 200k-chunk index. Not a test: it prints figures.
//   dotnet run -c Release --project bench -- [--corpus DIR] [--out FILE] [--synthetic N] [--evidence FILE]
//   dotnet run -c Release --project bench -- --portal [--duration 60] [--clients 20] [--circuits 20] [--out bench/RESULTS.md]
//   dotnet run -c Release --project bench -- --formats [--out bench/RESULTS.md]
//   dotnet run -c Release --project bench -- --articles [--corpus DIR] [--out bench/RESULTS.md]
var arguments = BenchArguments.Parse(args);
if (arguments.Portal)
{
    await PortalBenchmark.RunAsync(arguments);
    return;
}
if (arguments.Articles)
{
    await ArticlesBenchmark.RunAsync(arguments, CancellationToken.None);
    return;
}
if (arguments.Formats)
{
    await FormatsBenchmark.RunAsync(arguments, CancellationToken.None);
    return;
}
var report = new BenchReport(arguments);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var ct = cancellation.Token;

var files = Directory.EnumerateFiles(arguments.Corpus)
    .Where(f => f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
    .Order()
    .ToList();

// 1a. Ingestion as a fresh `kp ingest` process meets it: nothing compiled yet (the model is loaded first, as kp's warm-up does).
var coldDir = Directory.CreateTempSubdirectory("kp-bench-cold-").FullName;
try
{
    using var coldHost = await KpServices.StartAsync(coldDir, verbose: false, ct);
    await coldHost.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["load the model"], cancellationToken: ct);
    report.ColdIngestion = await IngestCorpusAsync(coldHost.Services, files, ct);
    report.PeakMemoryAfterIngestion = Process.GetCurrentProcess().PeakWorkingSet64;
    Console.WriteLine($"cold ingestion: {report.ColdIngestion.TotalSeconds:0.0} s, peak {report.PeakMemoryAfterIngestion / 1048576} MiB");
    await coldHost.StopAsync(ct);
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(coldDir, recursive: true);
}

var corpusTexts = new List<string>();
var dataDir = Directory.CreateTempSubdirectory("kp-bench-").FullName;
try
{
    using var host = await KpServices.StartAsync(dataDir, verbose: false, ct);
    var services = host.Services;
    var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
    await embedder.GenerateAsync(["warm up the model before anything is timed"], cancellationToken: ct);

    // 1b. The same ingestion in a warm process (a running portal or `kp worker`): the steady-state rate.
    var ingestion = await IngestCorpusAsync(services, files, ct);
    var contextFactory = services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
    await using (var context = await contextFactory.CreateDbContextAsync(ct))
    {
        report.Documents = await context.Documents.CountAsync(ct);
        report.FailedDocuments = await context.Documents.CountAsync(d => d.Status == KnowledgePortal.Shared.Documents.DocumentStatus.Failed, ct);
        report.Pages = await context.DocumentPages.CountAsync(ct);
        report.Chunks = await context.Chunks.CountAsync(ct);
        report.MeanChunkTokens = await context.Chunks.AverageAsync(c => (double)c.TokenCount, ct);
    }
    report.Ingestion = ingestion;
    report.StepTotals = services.GetRequiredService<IngestionMetrics>().StepTotals();
    Console.WriteLine($"warm ingestion: {report.Documents} documents, {report.Chunks} chunks in {ingestion.TotalSeconds:0.0} s");

    // 2. The bare model on the same chunk texts, in the same batches, in the same run.
    var parsers = services.GetRequiredService<DocumentParserRegistry>();
    var chunker = services.GetRequiredService<StructureAwareChunker>();
    var texts = new List<string>();
    foreach (var file in files)
    {
        var parsed = parsers.Parse(await File.ReadAllBytesAsync(file, ct), Path.GetFileName(file), ct);
        texts.AddRange(chunker.Chunk(parsed, ct).Select(c => c.EmbeddingText));
    }
    var batchSize = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestionOptions>>().Value.EmbeddingBatchSize;
    var started = Stopwatch.GetTimestamp();
    foreach (var batch in texts.Chunk(batchSize))
    {
        await embedder.GenerateAsync(batch, cancellationToken: ct);
    }
    report.BareEncode = Stopwatch.GetElapsedTime(started);
    report.BareChunks = texts.Count;
    corpusTexts.AddRange(texts);
    Console.WriteLine($"bare encode of {texts.Count} chunk texts: {report.BareEncode.TotalSeconds:0.0} s");

    // 3. Retrieval quality and latency.
    var questions = await CorpusQuestions.AnswerableAsync(arguments.Corpus, ct);
    var unanswerable = await CorpusQuestions.UnanswerableAsync(arguments.Corpus, ct);
    var retriever = services.GetRequiredService<HybridRetriever>();
    foreach (var mode in new[] { RetrievalMode.Vector, RetrievalMode.Keyword, RetrievalMode.Hybrid })
    {
        var outcomes = new List<QuestionOutcome>();
        var latencies = new Latencies();
        // Warm up on the other question set, so JIT tiering is over before anything is timed (a running portal is warm).
        foreach (var question in unanswerable)
        {
            await retriever.RetrieveAsync(new RetrievalRequest(question.Question, SearchFilter.Everyone, 10, mode), ct);
        }
        foreach (var question in questions)
        {
            var t = Stopwatch.GetTimestamp();
            var passages = await retriever.RetrieveAsync(new RetrievalRequest(question.Question, SearchFilter.Everyone, 10, mode), ct);
            latencies.Add(Stopwatch.GetElapsedTime(t));
            outcomes.Add(question.Score(GoldenSetEvaluator.Ranked(passages)));
        }
        var quality = new EvaluationReport(outcomes);
        report.Quality[mode] = quality;
        report.SearchLatency[mode] = latencies;
        Console.WriteLine($"{mode,-8} Hit@1 {quality.HitAt(1):0.000} Hit@5 {quality.HitAt(5):0.000} MRR@10 {quality.MrrAt(10):0.000}  p50 {latencies.Percentile(50):0.0} ms p95 {latencies.Percentile(95):0.0} ms");
    }

    // 4. Answers: how often the answerable get an answer and the unanswerable get "not found".
    var answerer = services.GetRequiredService<QuestionAnswerer>();
    foreach (var question in unanswerable)
    {
        await answerer.AskAsync(question.Question, SearchFilter.Everyone, ct); // warm-up, not timed
    }
    using var evidence = arguments.EvidenceFile is null ? null : new StreamWriter(arguments.EvidenceFile);
    evidence?.WriteLine("set,id,top_similarity,term_coverage,score,not_found");
    foreach (var (set, list) in new[] { ("answerable", questions), ("unanswerable", unanswerable) })
    {
        var notFound = 0;
        foreach (var question in list)
        {
            var t = Stopwatch.GetTimestamp();
            var answer = await answerer.AskAsync(question.Question, SearchFilter.Everyone, ct);
            report.AnswerLatency.Add(Stopwatch.GetElapsedTime(t));
            notFound += answer.NotFound ? 1 : 0;
            if (evidence is not null)
            {
                var assessment = ExtractiveAnswerer.Assess(question.Question, answer.Sources);
                evidence.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{set},{question.Id},{assessment.TopSimilarity:0.0000},{assessment.TermCoverage:0.0000},{assessment.Score:0.0000},{answer.NotFound}"));
            }
        }
        if (set == "answerable")
        {
            report.AnsweredRate = 1 - notFound / (double)list.Count;
        }
        else
        {
            report.AbstainedRate = notFound / (double)list.Count;
        }
    }
    Console.WriteLine($"answered {report.AnsweredRate:P1} of answerable, abstained on {report.AbstainedRate:P1} of unanswerable");
}
finally
{
    Directory.Delete(dataDir, recursive: true);
}

// 5. Search latency on a synthetic 200k-chunk index.
if (arguments.SyntheticChunks > 0)
{
    await SyntheticIndexBenchmark.RunAsync(arguments, report, corpusTexts, ct);
}

report.Print();
if (arguments.OutputFile is not null)
{
    // The other runs' sections stay as they were.
    var existing = File.Exists(arguments.OutputFile) ? await File.ReadAllTextAsync(arguments.OutputFile, ct) : string.Empty;
    var kept = new[] { ResultsFile.PortalHeading, FormatsBenchmark.Heading, ArticlesBenchmark.Heading }
        .Select(heading => ResultsFile.Section(existing, heading))
        .OfType<string>()
        .Select(section => Environment.NewLine + section + Environment.NewLine);
    await File.WriteAllTextAsync(arguments.OutputFile, report.ToMarkdown() + string.Concat(kept), ct);
    Console.WriteLine($"wrote {arguments.OutputFile}");
}

static async Task<TimeSpan> IngestCorpusAsync(IServiceProvider services, IReadOnlyList<string> files, CancellationToken ct)
{
    var intake = services.GetRequiredService<DocumentIntake>();
    var started = Stopwatch.GetTimestamp();
    foreach (var file in files)
    {
        await intake.SubmitFileAsync(file, null, ct);
    }
    await services.GetRequiredService<IngestionWorker>().RunUntilIdleAsync(ct);
    return Stopwatch.GetElapsedTime(started);
}
