using System.Data.Common;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Shared.VectorStores;

/// <summary>
/// The default vector index: exact search in process memory over the vectors persisted in the
/// database. It follows the database's <see cref="IndexChange"/> log before each search, so documents
/// ingested by another process (the `kp` command, a worker) become searchable on the next query.
/// </summary>
public sealed class EmbeddedVectorIndex(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    IEmbeddingModel model,
    ILogger<EmbeddedVectorIndex> logger) : IVectorIndex, IDisposable
{
    private readonly VectorTable table = new(model.Dimension);
    private readonly SemaphoreSlim syncGate = new(1, 1);
    private long appliedSequence = -1;

    /// <summary>Rows (chunks) held in memory, live ones only.</summary>
    public int Count => table.LiveRows;

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> vector, SearchFilter filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (vector.Length != model.Dimension)
        {
            throw new ArgumentException($"The query vector has {vector.Length} dimensions; the index holds {model.Dimension}.", nameof(vector));
        }
        await CatchUpAsync(cancellationToken);
        return table.Search(vector.Span, filter, top);
    }

    public Task SynchronizeAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken) =>
        CatchUpAsync(cancellationToken);

    /// <summary>Applies the changes other writers logged since the last call; loads everything the first time.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = await LatestChangeAsync(context, cancellationToken);
        if (latest == Volatile.Read(ref appliedSequence))
        {
            return;
        }
        await syncGate.WaitAsync(cancellationToken);
        try
        {
            if (latest == appliedSequence)
            {
                return;
            }
            var oldest = await context.IndexChanges.MinAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
            if (appliedSequence < 0 || oldest > appliedSequence + 1)
            {
                await LoadAllAsync(context, latest, cancellationToken);
            }
            else
            {
                var changed = await context.IndexChanges
                    .Where(c => c.Sequence > appliedSequence && c.Sequence <= latest)
                    .Select(c => c.DocumentId)
                    .Distinct()
                    .ToListAsync(cancellationToken);
                foreach (var documentId in changed)
                {
                    await LoadDocumentAsync(context, documentId, cancellationToken);
                }
            }
            Volatile.Write(ref appliedSequence, latest);
        }
        finally
        {
            syncGate.Release();
        }
    }

    /// <summary>The newest change in the log; asked before every search, so it is one plain indexed read.</summary>
    private static async Task<long> LatestChangeAsync(KnowledgeDbContext context, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(Sequence) FROM IndexChanges";
        return await command.ExecuteScalarAsync(cancellationToken) is long sequence ? sequence : 0;
    }

    private async Task LoadAllAsync(KnowledgeDbContext context, long latest, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var documents = await LoadDocumentInfoAsync(context, null, cancellationToken);
        var rows = new Dictionary<Guid, List<(long Id, byte[] Vector)>>();
        await foreach (var (documentId, id, vector) in ReadVectorsAsync(context, null, cancellationToken))
        {
            if (!rows.TryGetValue(documentId, out var list))
            {
                rows[documentId] = list = [];
            }
            list.Add((id, vector));
        }
        table.Clear();
        foreach (var (documentId, info) in documents)
        {
            table.Replace(info, rows.GetValueOrDefault(documentId) ?? []);
        }
        logger.LogInformation(
            "Loaded {Rows} vectors of {Documents} documents into the embedded index in {Elapsed} ms (change {Sequence})",
            table.LiveRows, documents.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, latest);
    }

    private async Task LoadDocumentAsync(KnowledgeDbContext context, Guid documentId, CancellationToken cancellationToken)
    {
        var documents = await LoadDocumentInfoAsync(context, documentId, cancellationToken);
        if (!documents.TryGetValue(documentId, out var info))
        {
            table.Remove(documentId);
            return;
        }
        var rows = new List<(long, byte[])>();
        await foreach (var (_, id, vector) in ReadVectorsAsync(context, documentId, cancellationToken))
        {
            rows.Add((id, vector));
        }
        table.Replace(info, rows);
    }

    private async Task<Dictionary<Guid, DocumentInfo>> LoadDocumentInfoAsync(KnowledgeDbContext context, Guid? documentId, CancellationToken cancellationToken)
    {
        var query = context.Documents.AsNoTracking();
        if (documentId is { } id)
        {
            query = query.Where(d => d.Id == id);
        }
        var documents = await query
            .Select(d => new { d.Id, d.Kind, d.EmbeddingModel, Audience = d.Audience.Select(a => a.Principal).ToList() })
            .ToListAsync(cancellationToken);
        return documents.ToDictionary(
            d => d.Id,
            d => new DocumentInfo(d.Id, d.Kind, [.. d.Audience], Searchable: d.EmbeddingModel == model.ModelId));
    }

    private static async IAsyncEnumerable<(Guid DocumentId, long Id, byte[] Vector)> ReadVectorsAsync(
        KnowledgeDbContext context, Guid? documentId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT DocumentId, Id, Vector FROM Chunks" + (documentId is null ? string.Empty : " WHERE DocumentId = $document") + " ORDER BY DocumentId, Ordinal";
        if (documentId is { } id)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$document";
            parameter.Value = SqliteGuid.Format(id);
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (Guid.Parse(reader.GetString(0)), reader.GetInt64(1), (byte[])reader.GetValue(2));
        }
    }

    public void Dispose()
    {
        syncGate.Dispose();
        table.Dispose();
    }
}
