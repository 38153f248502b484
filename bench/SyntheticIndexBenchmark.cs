using System.Diagnostics;
using System.Numerics.Tensors;
using KnowledgePortal.Ingestion.Cli;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Evaluation;
using KnowledgePortal.Shared.KeywordSearch;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Bench;

/// <summary>
/// Search latency at scale: a database of N chunks searched with the real hybrid retriever, query
/// embedding included. Vectors are random unit vectors; texts are words drawn from the corpus chunks
/// with their real frequencies, so a query word is as common in the synthetic chunks as in the corpus
/// (drawing uniformly from a small vocabulary would put every query word in a large share of chunks).
/// </summary>
internal static class SyntheticIndexBenchmark
{
    private const int ChunksPerDocument = 1_000;

    public static async Task RunAsync(BenchArguments arguments, BenchReport report, IReadOnlyList<string> corpusTexts, CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("kp-bench-synthetic-").FullName;
        try
        {
            using var host = await KpServices.StartAsync(dataDir, verbose: false, ct);
            var services = host.Services;
            var dimension = services.GetRequiredService<IEmbeddingModel>().Dimension;
            var modelId = services.GetRequiredService<IEmbeddingModel>().ModelId;
            await services.GetRequiredService<IndexManifest>().EnsureCurrentModelAsync(ct);
            var vocabulary = CorpusWords(corpusTexts);
            var random = new Random(20261128);
            var contextFactory = services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();

            var started = Stopwatch.GetTimestamp();
            for (var first = 0; first < arguments.SyntheticChunks; first += ChunksPerDocument)
            {
                var count = Math.Min(ChunksPerDocument, arguments.SyntheticChunks - first);
                await AddDocumentAsync(contextFactory, random, vocabulary, dimension, modelId, first / ChunksPerDocument, count, ct);
            }
            Console.WriteLine($"synthetic index: {arguments.SyntheticChunks} chunks written in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

            var retriever = services.GetRequiredService<HybridRetriever>();
            started = Stopwatch.GetTimestamp();
            await retriever.RetrieveAsync(new RetrievalRequest("load the index", SearchFilter.Everyone, 10), ct);
            report.SyntheticLoad = Stopwatch.GetElapsedTime(started);
            report.SyntheticChunks = arguments.SyntheticChunks;

            var questions = await CorpusQuestions.AnswerableAsync(arguments.Corpus, ct);
            var unanswerable = await CorpusQuestions.UnanswerableAsync(arguments.Corpus, ct);
            foreach (var mode in new[] { RetrievalMode.Vector, RetrievalMode.Keyword, RetrievalMode.Hybrid })
            {
                foreach (var question in unanswerable)
                {
                    await retriever.RetrieveAsync(new RetrievalRequest(question.Question, SearchFilter.Everyone, 10, mode), ct); // warm-up
                }
                var latencies = new Latencies();
                foreach (var question in questions)
                {
                    var t = Stopwatch.GetTimestamp();
                    await retriever.RetrieveAsync(new RetrievalRequest(question.Question, SearchFilter.Everyone, 10, mode), ct);
                    latencies.Add(Stopwatch.GetElapsedTime(t));
                }
                report.SyntheticLatency[mode] = latencies;
                Console.WriteLine($"synthetic {mode,-8} p50 {latencies.Percentile(50):0.0} ms p95 {latencies.Percentile(95):0.0} ms");
            }
            report.PeakMemoryAfterSynthetic = Process.GetCurrentProcess().PeakWorkingSet64;
        }
        finally
        {
            // KP_BENCH_KEEP=1 keeps the synthetic database for looking at query plans afterwards.
            if (Environment.GetEnvironmentVariable("KP_BENCH_KEEP") == "1")
            {
                Console.WriteLine($"kept the synthetic index in {dataDir}");
            }
            else
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    /// <summary>Every word of the corpus chunks, repeats kept: drawing from it follows the corpus's word frequencies.</summary>
    private static List<string> CorpusWords(IReadOnlyList<string> texts) =>
        texts.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static async Task AddDocumentAsync(
        IDbContextFactory<KnowledgeDbContext> contextFactory, Random random, List<string> vocabulary, int dimension, string modelId,
        int index, int count, CancellationToken ct)
    {
        await using var context = await contextFactory.CreateDbContextAsync(ct);
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var document = new SourceDocument
        {
            Id = Guid.CreateVersion7(),
            Name = $"synthetic-{index:00000}.pdf",
            ContentHash = new string('0', 64),
            IndexedHash = new string('0', 64),
            Kind = DocumentKind.Pdf,
            Title = $"Synthetic document {index}",
            Status = DocumentStatus.Ready,
            EmbeddingModel = modelId,
            ChunkCount = count,
            CreatedAt = now,
            UpdatedAt = now,
            Audience = [new DocumentAudience { Principal = Principals.Everyone }],
        };
        context.Documents.Add(document);
        await context.SaveChangesAsync(ct);

        var connection = context.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction.GetDbTransaction();
        insert.CommandText = "INSERT INTO Chunks (DocumentId, Ordinal, Text, PageStart, PageEnd, StartOffset, EndOffset, TokenCount, Vector) " +
            "VALUES ($document, $ordinal, $text, 1, 1, 0, 0, 200, $vector) RETURNING Id";
        var parameters = new[] { "$document", "$ordinal", "$text", "$vector" }.Select(name =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = name;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        parameters[0].Value = SqliteGuid.Format(document.Id);
        await using var fts = connection.CreateCommand();
        fts.Transaction = insert.Transaction;
        fts.CommandText = $"INSERT INTO {SqliteKeywordIndex.Table}(rowid, Text, Heading, Title) VALUES ($id, $text, '', $title)";
        var ftsId = fts.CreateParameter();
        ftsId.ParameterName = "$id";
        fts.Parameters.Add(ftsId);
        var ftsText = fts.CreateParameter();
        ftsText.ParameterName = "$text";
        fts.Parameters.Add(ftsText);
        var ftsTitle = fts.CreateParameter();
        ftsTitle.ParameterName = "$title";
        ftsTitle.Value = document.Title;
        fts.Parameters.Add(ftsTitle);

        var vector = new float[dimension];
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            for (var d = 0; d < dimension; d++)
            {
                vector[d] = (float)(random.NextDouble() * 2 - 1);
            }
            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            var text = string.Join(' ', Enumerable.Range(0, 150).Select(_ => vocabulary[random.Next(vocabulary.Count)]));
            parameters[1].Value = ordinal;
            parameters[2].Value = text;
            parameters[3].Value = VectorBytes.From(vector);
            var id = (long)(await insert.ExecuteScalarAsync(ct))!;
            ftsId.Value = id;
            ftsText.Value = text;
            await fts.ExecuteNonQueryAsync(ct);
        }
        context.IndexChanges.Add(new IndexChange { DocumentId = document.Id, At = now });
        await context.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
