using System.Diagnostics.Metrics;
using KnowledgePortal.Shared.Jobs;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>Ingestion counters and step durations (meter "KnowledgePortal.Ingestion"), also kept as totals for `kp` and the benchmark.</summary>
public sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "KnowledgePortal.Ingestion";

    private readonly Meter meter;
    private readonly Counter<long> chunks;
    private readonly Counter<long> jobs;
    private readonly Histogram<double> stepSeconds;
    private readonly Dictionary<JobStep, TimeSpan> totals = [];
    private readonly Lock totalsGate = new();

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        chunks = meter.CreateCounter<long>("kp.ingestion.chunks_embedded", unit: "{chunk}");
        jobs = meter.CreateCounter<long>("kp.ingestion.jobs", unit: "{job}");
        stepSeconds = meter.CreateHistogram<double>("kp.ingestion.step.duration", unit: "s");
    }

    public void ChunksEmbedded(int count) => chunks.Add(count);

    public void JobFinished(bool succeeded) => jobs.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));

    public void StepTook(JobStep step, TimeSpan elapsed)
    {
        stepSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("step", step.ToString()));
        lock (totalsGate)
        {
            totals[step] = totals.GetValueOrDefault(step) + elapsed;
        }
    }

    /// <summary>Time spent per step since start (summed over parallel jobs).</summary>
    public IReadOnlyDictionary<JobStep, TimeSpan> StepTotals()
    {
        lock (totalsGate)
        {
            return new Dictionary<JobStep, TimeSpan>(totals);
        }
    }

    public void Dispose() => meter.Dispose();
}
