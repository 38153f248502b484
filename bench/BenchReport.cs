using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Evaluation;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Bench;

/// <summary>The figures of one benchmark run and their Markdown table for bench/RESULTS.md.</summary>
internal sealed class BenchReport(BenchArguments arguments)
{
    public int Documents { get; set; }
    public int FailedDocuments { get; set; }
    public int Pages { get; set; }
    public int Chunks { get; set; }
    public double MeanChunkTokens { get; set; }
    public TimeSpan Ingestion { get; set; }
    public TimeSpan ColdIngestion { get; set; }
    public IReadOnlyDictionary<JobStep, TimeSpan> StepTotals { get; set; } = new Dictionary<JobStep, TimeSpan>();
    public TimeSpan BareEncode { get; set; }
    public int BareChunks { get; set; }
    public long PeakMemoryAfterIngestion { get; set; }
    public Dictionary<RetrievalMode, EvaluationReport> Quality { get; } = [];
    public Dictionary<RetrievalMode, Latencies> SearchLatency { get; } = [];
    public Latencies AnswerLatency { get; } = new();
    public double AnsweredRate { get; set; }
    public double AbstainedRate { get; set; }
    public int SyntheticChunks { get; set; }
    public TimeSpan SyntheticLoad { get; set; }
    public Dictionary<RetrievalMode, Latencies> SyntheticLatency { get; } = [];
    public long PeakMemoryAfterSynthetic { get; set; }

    private double EndToEndRate => Chunks / Ingestion.TotalSeconds;
    private double ColdEndToEndRate => Chunks / ColdIngestion.TotalSeconds;
    private double BareRate => BareChunks / BareEncode.TotalSeconds;

    public void Print() => Console.WriteLine(ToMarkdown());

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Benchmark results");
        md.AppendLine();
        md.AppendLine(c, $"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(c, $"- machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
        md.AppendLine(c, $"- command: `{arguments.CommandLine.Trim()}`");
        md.AppendLine(c, $"- corpus: `{Path.GetFileName(arguments.Corpus)}`: {Documents} documents ({FailedDocuments} failed), {Pages} pages, {Chunks} chunks of {MeanChunkTokens:0} tokens on average");
        md.AppendLine();
        md.AppendLine("## Ingestion");
        md.AppendLine();
        md.AppendLine("| figure | value | target |");
        md.AppendLine("| --- | --- | --- |");
        md.AppendLine(c, $"| wall time, end to end, fresh process (like `kp ingest`) | {ColdIngestion.TotalSeconds:0.0} s | |");
        md.AppendLine(c, $"| wall time, end to end, warm process (like the portal's worker) | {Ingestion.TotalSeconds:0.0} s | |");
        foreach (var (step, time) in StepTotals.OrderBy(s => s.Key))
        {
            md.AppendLine(c, $"| {step.ToString().ToLowerInvariant()}, warm (summed over parallel jobs) | {time.TotalSeconds:0.0} s | |");
        }
        md.AppendLine(c, $"| chunks/s end to end, fresh / warm process | {ColdEndToEndRate:0.0} / {EndToEndRate:0.0} | |");
        md.AppendLine(c, $"| chunks/s, bare model on the same texts and batches | {BareRate:0.0} | |");
        md.AppendLine(c, $"| end to end / bare, fresh / warm process | {ColdEndToEndRate / BareRate:P0} / {EndToEndRate / BareRate:P0} | ≥ 80% |");
        md.AppendLine(c, $"| peak memory (working set) of the fresh-process ingestion | {PeakMemoryAfterIngestion / (1024.0 * 1024):0} MiB | < 1024 MiB |");
        md.AppendLine();
        md.AppendLine("## Retrieval on questions.jsonl (top 10; hit = same file, pages include N or N+1, any page when the citation has none; scored as `kp eval` does)");
        md.AppendLine();
        md.AppendLine("| mode | Hit@1 | Hit@5 | MRR@10 | one-file Hit@5 | several-file coverage@10 | search p50 | search p95 |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (mode, quality) in Quality)
        {
            var latency = SearchLatency[mode];
            var coverage = quality.MultiFileQuestions > 0 ? quality.MultiFileCoverage.ToString("0.000", c) : "-";
            md.AppendLine(c, $"| {mode.ToString().ToLowerInvariant()} | {quality.HitAt(1):0.000} | {quality.HitAt(5):0.000} | {quality.MrrAt(10):0.000} | {quality.SingleFileHitAt(5):0.000} | {coverage} | {latency.Percentile(50):0.0} ms | {latency.Percentile(95):0.0} ms |");
        }
        md.AppendLine();
        md.AppendLine("Targets: hybrid Hit@5 ≥ 0.97, MRR@10 ≥ 0.88; search p95 ≤ 20 ms including the query embedding.");
        md.AppendLine();
        md.AppendLine("## Answers (extractive)");
        md.AppendLine();
        md.AppendLine("| figure | value | target |");
        md.AppendLine("| --- | --- | --- |");
        md.AppendLine(c, $"| questions.jsonl answered | {AnsweredRate:P1} | ≥ 90% |");
        md.AppendLine(c, $"| unanswerable.jsonl \"not found\" | {AbstainedRate:P1} | ≥ 60% |");
        md.AppendLine(c, $"| time to the whole answer p50 / p95 | {AnswerLatency.Percentile(50):0.0} / {AnswerLatency.Percentile(95):0.0} ms | first token p95 ≤ 300 ms |");
        if (SyntheticChunks > 0)
        {
            md.AppendLine();
            md.AppendLine(c, $"## Synthetic index: {SyntheticChunks:N0} chunks (random unit vectors, corpus words)");
            md.AppendLine();
            md.AppendLine("| mode | p50 | p95 | target |");
            md.AppendLine("| --- | --- | --- | --- |");
            foreach (var (mode, latency) in SyntheticLatency)
            {
                md.AppendLine(c, $"| {mode.ToString().ToLowerInvariant()} (query embedding included) | {latency.Percentile(50):0.0} ms | {latency.Percentile(95):0.0} ms | {(mode == RetrievalMode.Hybrid ? "p95 ≤ 100 ms" : string.Empty)} |");
            }
            md.AppendLine(c, $"| first search (loads the vectors) | {SyntheticLoad.TotalMilliseconds:0} ms | | |");
            md.AppendLine(c, $"| peak memory of the whole run | {PeakMemoryAfterSynthetic / (1024.0 * 1024):0} MiB | | |");
        }
        return md.ToString();
    }
}
