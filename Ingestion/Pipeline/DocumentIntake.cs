using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>
/// Accepts files: stores the original, creates or updates the document and queues a job, all or
/// nothing. Unchanged content (same SHA-256) is a no-op, so re-running an ingest costs nothing.
/// </summary>
public sealed class DocumentIntake(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    OriginalFileStore originals,
    TimeProvider time,
    JobSignal signal,
    IOptions<IngestionOptions> options)
{
    private readonly IngestionOptions options = options.Value;

    /// <summary>Reads a file from disk, refusing it before reading when it is over the size limit.</summary>
    public async Task<IntakeResult> SubmitFileAsync(string path, IReadOnlyList<string>? audience, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var name = Path.GetFileName(fullPath);
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            return new IntakeResult(IntakeOutcome.Rejected, name, Message: $"File not found: {fullPath}");
        }
        if (file.Length > options.MaxFileSizeBytes)
        {
            return new IntakeResult(IntakeOutcome.Rejected, name, Message: TooLargeMessage(file.Length));
        }
        byte[] content;
        try
        {
            content = await ReadAtMostAsync(fullPath, options.MaxFileSizeBytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new IntakeResult(IntakeOutcome.Rejected, name, Message: $"The file cannot be read: {e.Message}");
        }
        catch (FileTooLargeException)
        {
            return new IntakeResult(IntakeOutcome.Rejected, name, Message: TooLargeMessage(options.MaxFileSizeBytes + 1));
        }
        return await SubmitAsync(new DocumentSubmission(name, content, audience, fullPath), cancellationToken);
    }

    public async Task<IntakeResult> SubmitAsync(DocumentSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var name = DocumentNames.Clean(submission.Name);
        if (submission.Content.Length > options.MaxFileSizeBytes)
        {
            return new IntakeResult(IntakeOutcome.Rejected, name, Message: TooLargeMessage(submission.Content.Length));
        }
        var hash = await originals.SaveAsync(submission.Content, cancellationToken);
        var now = time.GetUtcNow();

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var document = await FindExistingAsync(context, name, submission.SourcePath, cancellationToken);
        if (document is null)
        {
            document = new SourceDocument
            {
                Id = Guid.CreateVersion7(),
                Name = name,
                SourcePath = submission.SourcePath,
                ContentHash = hash,
                SizeBytes = submission.Content.Length,
                Status = DocumentStatus.Queued,
                CreatedAt = now,
                UpdatedAt = now,
                Audience = [.. Principals.ParseAudience(submission.Audience).Select(p => new DocumentAudience { Principal = p })],
            };
            context.Documents.Add(document);
        }
        else
        {
            var audienceChanged = submission.Audience is not null && ApplyAudience(context, document, submission.Audience, now);
            if (document.ContentHash == hash && document.IndexedHash == hash && document.Status == DocumentStatus.Ready)
            {
                await context.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new IntakeResult(IntakeOutcome.Unchanged, document.Name, document.Id, Message: audienceChanged ? "audience updated" : null);
            }
            var active = await ActiveJobAsync(context, document, hash, cancellationToken);
            if (active is not null)
            {
                await context.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new IntakeResult(IntakeOutcome.InProgress, document.Name, document.Id, active);
            }
            document.ContentHash = hash;
            document.SizeBytes = submission.Content.Length;
            document.Status = DocumentStatus.Queued;
            document.Error = null;
            document.UpdatedAt = now;
        }
        var job = Enqueue(context, document.Id, hash, JobKind.Ingest, now);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return new IntakeResult(IntakeOutcome.Queued, document.Name, document.Id, job.Id);
    }

    /// <summary>
    /// Queues the latest submitted version of a failed document again (its stored original), for when the
    /// cause is fixed or was passing (a crash, a full disk). Returns <see cref="IntakeOutcome.InProgress"/>
    /// when a job for that version is already waiting or running.
    /// </summary>
    public async Task<IntakeResult> RetryAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var document = await context.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return new IntakeResult(IntakeOutcome.Rejected, string.Empty, documentId, Message: "The document no longer exists.");
        }
        if (await ActiveJobAsync(context, document, document.ContentHash, cancellationToken) is { } active)
        {
            return new IntakeResult(IntakeOutcome.InProgress, document.Name, document.Id, active);
        }
        if (!originals.Exists(document.ContentHash))
        {
            return new IntakeResult(IntakeOutcome.Rejected, document.Name, document.Id,
                Message: "The stored original is missing; upload the file again.");
        }
        var now = time.GetUtcNow();
        document.Status = DocumentStatus.Queued;
        document.Error = null;
        document.UpdatedAt = now;
        var job = Enqueue(context, document.Id, document.ContentHash, JobKind.Ingest, now);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return new IntakeResult(IntakeOutcome.Queued, document.Name, document.Id, job.Id);
    }

    /// <summary>
    /// Changes who may read a document ("everyone" or group names); retrieval applies it from the next
    /// query on. False when there is no such document.
    /// </summary>
    public async Task<bool> SetAudienceAsync(Guid documentId, IReadOnlyList<string> audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audience);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await context.Documents.Include(d => d.Audience).FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return false;
        }
        // The same rule as a re-submission with an audience: one place decides how an audience changes.
        ApplyAudience(context, document, audience, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds a queued job; the caller saves.</summary>
    internal static IngestionJob Enqueue(KnowledgeDbContext context, Guid documentId, string hash, JobKind kind, DateTimeOffset now)
    {
        var job = new IngestionJob
        {
            DocumentId = documentId,
            Kind = kind,
            Status = JobStatus.Queued,
            Step = JobStep.Queued,
            ContentHash = hash,
            CreatedAt = now,
        };
        context.Jobs.Add(job);
        return job;
    }

    private static async Task<SourceDocument?> FindExistingAsync(KnowledgeDbContext context, string name, string? sourcePath, CancellationToken cancellationToken)
    {
        var documents = context.Documents.Include(d => d.Audience);
        return sourcePath is not null
            ? await documents.FirstOrDefaultAsync(d => d.SourcePath == sourcePath, cancellationToken)
            : await documents.FirstOrDefaultAsync(d => d.SourcePath == null && d.Name == name, cancellationToken);
    }

    /// <summary>The queued or running job for exactly this content, if there is one.</summary>
    private static async Task<long?> ActiveJobAsync(KnowledgeDbContext context, SourceDocument document, string hash, CancellationToken cancellationToken)
    {
        if (document.ContentHash != hash)
        {
            return null;
        }
        return await context.Jobs
            .Where(j => j.DocumentId == document.Id && j.ContentHash == hash && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .Select(j => (long?)j.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Sets a new audience and logs an index change so every index re-filters on its next query.</summary>
    private static bool ApplyAudience(KnowledgeDbContext context, SourceDocument document, IReadOnlyList<string> audience, DateTimeOffset now)
    {
        var wanted = Principals.ParseAudience(audience);
        var current = document.Audience.Select(a => a.Principal).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (current.SequenceEqual(wanted, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }
        context.DocumentAudiences.RemoveRange(document.Audience);
        document.Audience = [.. wanted.Select(p => new DocumentAudience { DocumentId = document.Id, Principal = p })];
        context.IndexChanges.Add(new IndexChange { DocumentId = document.Id, At = now });
        document.UpdatedAt = now;
        return true;
    }

    private string TooLargeMessage(long size) =>
        $"The file is {FileSizes.Describe(size)}, over the {options.MaxFileSizeMb} MB limit (setting KnowledgePortal:Ingestion:MaxFileSizeMb).";

    /// <summary>Reads the file but stops past <paramref name="limit"/>: it may have grown since its size was checked.</summary>
    private static async Task<byte[]> ReadAtMostAsync(string path, long limit, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FileTooLargeException();
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private sealed class FileTooLargeException : Exception;
}
