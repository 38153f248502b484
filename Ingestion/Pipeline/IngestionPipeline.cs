using System.Diagnostics;
using KnowledgePortal.Ingestion.Chunking;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.KeywordSearch;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>
/// Runs one job through parse → chunk → embed → index. Each step records that it ran: chunks are
/// staged with the job, vectors are saved batch by batch, and the indexing step swaps the document's
/// chunks in one transaction, so a job resumed after a crash continues where it was and never
/// leaves duplicates or a half-replaced document.
/// </summary>
public sealed class IngestionPipeline(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    OriginalFileStore originals,
    DocumentParserRegistry parsers,
    StructureAwareChunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IEmbeddingModel model,
    IndexManifest manifest,
    IVectorIndex vectorIndex,
    JobQueue queue,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    IngestionMetrics metrics,
    ILogger<IngestionPipeline> logger)
{
    private readonly IngestionOptions options = options.Value;

    /// <summary>Runs a claimed job to success or failure. Cancellation puts it back in the queue to resume later.</summary>
    public async Task RunAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["DocumentId"] = job.DocumentId });
        await using var heartbeat = queue.StartHeartbeat(job.Id, cancellationToken);
        var step = job.Step;
        try
        {
            await manifest.EnsureCurrentModelAsync(cancellationToken);
            var name = await DocumentNameAsync(job.DocumentId, cancellationToken);
            if (name is null)
            {
                return; // deleted while queued; the delete removed the job too
            }
            if (!await HasCompleteStageAsync(job, cancellationToken))
            {
                step = JobStep.Parsing;
                await ParseAndChunkAsync(job, name, cancellationToken);
            }
            step = JobStep.Embedding;
            await EmbedAsync(job, cancellationToken);
            step = JobStep.Indexing;
            await IndexAsync(job, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await queue.ReleaseAsync(job.Id, CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is DocumentParseException or EmbeddingModelMismatchException)
        {
            logger.LogInformation("Job {JobId} failed: {Reason}", job.Id, e.Message);
            await queue.FailAsync(job.Id, e.Message, CancellationToken.None);
            metrics.JobFinished(succeeded: false);
        }
        catch (DocumentDeletedException)
        {
            logger.LogInformation("Document {DocumentId} was deleted while job {JobId} ran", job.DocumentId, job.Id);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly during {Step}", job.Id, step);
            await queue.FailAsync(job.Id, $"Unexpected error while {StepDescription(step)}: {e.Message}", CancellationToken.None);
            metrics.JobFinished(succeeded: false);
        }
    }

    private async Task<string?> DocumentNameAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Documents.Where(d => d.Id == documentId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>True when an earlier attempt already parsed and chunked this job (it crashed later).</summary>
    private async Task<bool> HasCompleteStageAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        if (job.Step < JobStep.Embedding)
        {
            return false;
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staged = await context.StagedChunks.CountAsync(c => c.JobId == job.Id, cancellationToken);
        return staged == job.ChunksTotal && staged > 0;
    }

    private async Task ParseAndChunkAsync(IngestionJob job, string name, CancellationToken cancellationToken)
    {
        await queue.ReportAsync(job.Id, JobStep.Parsing, 0, 0, cancellationToken);
        if (!originals.Exists(job.ContentHash))
        {
            throw new DocumentParseException("The stored original of this version is missing from the data directory; add the file again.");
        }
        var content = await originals.ReadAsync(job.ContentHash, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var parsed = await Task.Run(() => parsers.Parse(content, name, cancellationToken), cancellationToken);
        metrics.StepTook(JobStep.Parsing, Stopwatch.GetElapsedTime(started));

        await queue.ReportAsync(job.Id, JobStep.Chunking, 0, 0, cancellationToken);
        started = Stopwatch.GetTimestamp();
        var chunks = await Task.Run(() => chunker.Chunk(parsed, cancellationToken), cancellationToken);
        metrics.StepTook(JobStep.Chunking, Stopwatch.GetElapsedTime(started));
        if (chunks.Count == 0)
        {
            throw new DocumentParseException("The document contains no text to index.");
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Anything staged by an attempt that crashed mid-way is replaced, never added to.
        await context.StagedChunks.Where(c => c.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
        await context.StagedPages.Where(p => p.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
        context.StagedPages.AddRange(parsed.Pages.Select(p => new StagedPage { JobId = job.Id, Number = p.Number, Text = p.Text }));
        context.StagedChunks.AddRange(chunks.Select(c => new StagedChunk
        {
            JobId = job.Id,
            Ordinal = c.Ordinal,
            Text = c.Text,
            EmbeddingText = c.EmbeddingText,
            HeadingPath = c.HeadingPath,
            PageStart = c.PageStart,
            PageEnd = c.PageEnd,
            StartOffset = c.StartOffset,
            EndOffset = c.EndOffset,
            TokenCount = c.TokenCount,
        }));
        await context.SaveChangesAsync(cancellationToken);
        await context.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Step, JobStep.Embedding)
            .SetProperty(j => j.DetectedKind, parsed.Kind)
            .SetProperty(j => j.Title, parsed.Title)
            .SetProperty(j => j.Warning, parsed.Warning)
            .SetProperty(j => j.ChunksDone, 0)
            .SetProperty(j => j.ChunksTotal, chunks.Count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        job.ChunksTotal = chunks.Count;
    }

    private async Task EmbedAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        List<(int Ordinal, string Text)> pending;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            pending = (await context.StagedChunks.AsNoTracking()
                .Where(c => c.JobId == job.Id && c.Vector == null)
                .OrderBy(c => c.Ordinal)
                .Select(c => new { c.Ordinal, c.EmbeddingText })
                .ToListAsync(cancellationToken))
                .Select(c => (c.Ordinal, c.EmbeddingText))
                .ToList();
        }
        var done = job.ChunksTotal - pending.Count;
        // Each batch is saved while the next one is embedded, so the model never waits for the disk.
        var saving = Task.CompletedTask;
        foreach (var batch in pending.Chunk(options.EmbeddingBatchSize))
        {
            var embeddings = await embedder.GenerateAsync(batch.Select(c => c.Text), cancellationToken: cancellationToken);
            await saving;
            done += batch.Length;
            saving = SaveVectorsAsync(job, batch, embeddings, done, cancellationToken);
            metrics.ChunksEmbedded(batch.Length);
        }
        await saving;
        metrics.StepTook(JobStep.Embedding, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Saves one batch of vectors with the job's progress, in one transaction: a crash loses at most the batch in flight.</summary>
    private async Task SaveVectorsAsync(
        IngestionJob job, (int Ordinal, string Text)[] batch, GeneratedEmbeddings<Embedding<float>> embeddings, int done, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        await using var update = connection.CreateCommand();
        update.Transaction = transaction.GetDbTransaction();
        update.CommandText = "UPDATE StagedChunks SET Vector = $vector WHERE JobId = $job AND Ordinal = $ordinal";
        var vector = update.CreateParameter();
        vector.ParameterName = "$vector";
        var jobId = update.CreateParameter();
        jobId.ParameterName = "$job";
        jobId.Value = job.Id;
        var ordinal = update.CreateParameter();
        ordinal.ParameterName = "$ordinal";
        update.Parameters.Add(vector);
        update.Parameters.Add(jobId);
        update.Parameters.Add(ordinal);
        for (var i = 0; i < batch.Length; i++)
        {
            vector.Value = VectorBytes.From(embeddings[i].Vector.Span);
            ordinal.Value = batch[i].Ordinal;
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await queue.ReportAsync(job.Id, JobStep.Embedding, done, job.ChunksTotal, cancellationToken);
    }

    private async Task IndexAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        await queue.ReportAsync(job.Id, JobStep.Indexing, job.ChunksTotal, job.ChunksTotal, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        string? replacedHash;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var document = await context.Documents.FirstOrDefaultAsync(d => d.Id == job.DocumentId, cancellationToken)
                ?? throw new DocumentDeletedException();
            var current = await context.Jobs.AsNoTracking().FirstAsync(j => j.Id == job.Id, cancellationToken);
            var staged = await context.StagedChunks.AsNoTracking().Where(c => c.JobId == job.Id).OrderBy(c => c.Ordinal).ToListAsync(cancellationToken);
            var pages = await context.StagedPages.AsNoTracking().Where(p => p.JobId == job.Id).OrderBy(p => p.Number).ToListAsync(cancellationToken);

            var previous = await context.Chunks.AsNoTracking().Where(c => c.DocumentId == document.Id)
                .Select(c => new ChunkIdentity.Known(c.Id, c.Text, c.PageStart, c.PageEnd, c.StartOffset, c.EndOffset))
                .ToListAsync(cancellationToken);
            await SqliteKeywordIndex.RemoveDocumentAsync(context, document.Id, cancellationToken);
            await context.Chunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
            await context.DocumentPages.Where(p => p.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);

            context.DocumentPages.AddRange(pages.Select(p => new DocumentPage { DocumentId = document.Id, Number = p.Number, Text = p.Text }));
            var chunks = staged.Select(s => new Chunk
            {
                DocumentId = document.Id,
                Ordinal = s.Ordinal,
                Text = s.Text,
                HeadingPath = s.HeadingPath,
                PageStart = s.PageStart,
                PageEnd = s.PageEnd,
                StartOffset = s.StartOffset,
                EndOffset = s.EndOffset,
                TokenCount = s.TokenCount,
                Vector = s.Vector ?? throw new InvalidOperationException($"Chunk {s.Ordinal} was not embedded."),
            }).ToList();
            // Saved citations and API clients hold chunk ids: a passage that comes back unchanged keeps its id.
            new ChunkIdentity(previous).Reuse(chunks);
            context.Chunks.AddRange(chunks);

            var now = time.GetUtcNow();
            replacedHash = document.IndexedHash != job.ContentHash ? document.IndexedHash : null;
            document.Kind = current.DetectedKind;
            document.Title = current.Title;
            document.Warning = current.Warning;
            document.IndexedHash = job.ContentHash;
            document.EmbeddingModel = model.ModelId;
            document.PageCount = pages.Count;
            document.ChunkCount = chunks.Count;
            document.IndexedAt = now;
            document.UpdatedAt = now;
            if (document.ContentHash == job.ContentHash)
            {
                document.Status = DocumentStatus.Ready;
                document.Error = null;
            }
            context.IndexChanges.Add(new IndexChange { DocumentId = document.Id, At = now });
            await context.SaveChangesAsync(cancellationToken);
            await SqliteKeywordIndex.AddAsync(context, document.Title, chunks, cancellationToken);

            await context.StagedChunks.Where(c => c.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
            await context.StagedPages.Where(p => p.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
            await context.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Succeeded)
                .SetProperty(j => j.Step, JobStep.Done)
                .SetProperty(j => j.WorkerId, (string?)null)
                .SetProperty(j => j.Error, (string?)null)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await vectorIndex.SynchronizeAsync([job.DocumentId], cancellationToken);
        if (replacedHash is not null)
        {
            await OriginalsCleanup.DeleteIfUnusedAsync(contextFactory, originals, replacedHash, cancellationToken);
        }
        metrics.StepTook(JobStep.Indexing, Stopwatch.GetElapsedTime(started));
        metrics.JobFinished(succeeded: true);
        logger.LogInformation("Indexed document {DocumentId}: {Chunks} chunks", job.DocumentId, job.ChunksTotal);
    }

    private static string StepDescription(JobStep step) => step switch
    {
        JobStep.Parsing => "reading the document",
        JobStep.Chunking => "splitting the document into passages",
        JobStep.Embedding => "computing embeddings",
        JobStep.Indexing => "saving to the index",
        _ => "preparing the job",
    };

    private sealed class DocumentDeletedException : Exception;
}
