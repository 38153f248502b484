using KnowledgePortal.Ingestion.Cli;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.KeywordSearch;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>
/// A real knowledge base in a temporary data directory, composed exactly as `kp` composes it
/// (SQLite file, local ONNX embedder, FTS5, embedded vector index). Deleted on dispose.
/// </summary>
public sealed class TestKnowledgeBase : IAsyncDisposable
{
    private readonly IHost host;
    private readonly bool ownsDataDir;

    private TestKnowledgeBase(IHost host, string dataDir, bool ownsDataDir)
    {
        this.host = host;
        this.ownsDataDir = ownsDataDir;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    public IServiceProvider Services => host.Services;

    public DocumentIntake Intake => Services.GetRequiredService<DocumentIntake>();

    public HybridRetriever Retriever => Services.GetRequiredService<HybridRetriever>();

    /// <summary>
    /// Starts a knowledge base in a new temporary directory, or on an existing <paramref name="dataDir"/> (which is then
    /// left in place on dispose); <paramref name="settings"/> are extra configuration keys (e.g. "KnowledgePortal:Ingestion:MaxFileSizeMb").
    /// </summary>
    public static async Task<TestKnowledgeBase> CreateAsync(IDictionary<string, string>? settings = null, string? dataDir = null)
    {
        var owns = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("kp-test-").FullName;
        var host = await KpServices.StartAsync(dataDir, verbose: false, TestContext.Current.CancellationToken, settings: settings);
        return new TestKnowledgeBase(host, dataDir, owns);
    }

    /// <summary>Submits files from memory and runs the worker until every queued job ended.</summary>
    public async Task<IReadOnlyList<IntakeResult>> IngestAsync(params DocumentSubmission[] submissions)
    {
        var results = new List<IntakeResult>();
        foreach (var submission in submissions)
        {
            results.Add(await Intake.SubmitAsync(submission, TestContext.Current.CancellationToken));
        }
        await RunWorkerAsync();
        return results;
    }

    public Task RunWorkerAsync() => Services.GetRequiredService<IngestionWorker>().RunUntilIdleAsync(TestContext.Current.CancellationToken);

    public async Task<KnowledgeDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public async Task<SourceDocument> DocumentAsync(Guid id)
    {
        await using var db = await DbAsync();
        return await db.Documents.AsNoTracking().Include(d => d.Audience).SingleAsync(d => d.Id == id, TestContext.Current.CancellationToken);
    }

    public Task<IReadOnlyList<Passage>> SearchAsync(string query, SearchFilter? filter = null, int top = 5, RetrievalMode mode = RetrievalMode.Hybrid) =>
        Retriever.RetrieveAsync(new RetrievalRequest(query, filter ?? SearchFilter.Everyone, top, mode), TestContext.Current.CancellationToken);

    public Task<Answer> AskAsync(string question, SearchFilter? filter = null) =>
        Services.GetRequiredService<QuestionAnswerer>().AskAsync(question, filter ?? SearchFilter.Everyone, TestContext.Current.CancellationToken);

    /// <summary>Rows in the FTS5 keyword table (to check it tracks the chunks table exactly).</summary>
    public async Task<long> KeywordRowsAsync()
    {
        await using var db = await DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {SqliteKeywordIndex.Table}";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!ownsDataDir)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a process the test started; the OS temp cleaner gets it
        }
    }
}
