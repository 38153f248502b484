using KnowledgePortal.Ingestion.Chunking;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Ingestion.Pipeline;

public class CrashResumeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_killed_mid_embedding_resumes_on_the_next_run_without_duplicates()
    {
        var dataDir = Directory.CreateTempSubdirectory("kp-crash-").FullName;
        try
        {
            await KillAndResumeAsync(dataDir);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task KillAndResumeAsync(string dataDir)
    {
        var file = Corpus.File("role_library.pdf");
        var slowBatches = new Dictionary<string, string>
        {
            ["KnowledgePortal__Ingestion__EmbeddingBatchSize"] = "2",
            ["KnowledgePortal__Ingestion__MaxParallelJobs"] = "1",
        };

        // 1. Start `kp ingest` and kill it (as a crash would) once some vectors are saved.
        using (var kp = KpProcess.Start(["ingest", file, "--data", dataDir], slowBatches))
        {
            await using var observer = await TestKnowledgeBase.CreateAsync(dataDir: dataDir);
            var started = DateTime.UtcNow;
            var seen = "no job";
            while (true)
            {
                await using var db = await observer.DbAsync();
                var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(Ct);
                if (job is { Step: JobStep.Embedding, ChunksDone: >= 6 })
                {
                    break;
                }
                seen = job is null ? "no job" : $"{job.Status} {job.Step} {job.ChunksDone}/{job.ChunksTotal}";
                if (kp.HasExited)
                {
                    Assert.Fail($"kp exited ({kp.ExitCode}) before it could be killed; last seen: {seen}; {await kp.StandardError.ReadToEndAsync(Ct)}");
                }
                Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(3), "embedding never started");
                await Task.Delay(100, Ct);
            }
            kp.Kill(entireProcessTree: true);
            await kp.WaitForExitAsync(Ct);

            await using var after = await observer.DbAsync();
            var interrupted = await after.Jobs.AsNoTracking().SingleAsync(Ct);
            Assert.Equal(JobStatus.Running, interrupted.Status);
            Assert.False(await after.Chunks.AnyAsync(Ct)); // nothing published half-way
            Assert.True(await after.StagedChunks.CountAsync(c => c.Vector != null, Ct) >= 6);
        }

        // 2. The next run finds the job of the dead process and finishes it.
        var rerun = await KpProcess.RunAsync(["ingest", file, "--data", dataDir, "--json"]);
        Assert.Equal(0, rerun.ExitCode);

        await using var kb = await TestKnowledgeBase.CreateAsync(dataDir: dataDir);
        await using var check = await kb.DbAsync();
        var finished = await check.Jobs.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(JobStatus.Succeeded, finished.Status);
        Assert.True(finished.Attempts == 2, $"attempts {finished.Attempts}; rerun said: {rerun.Output} {rerun.Error}");
        var document = await check.Documents.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(DocumentStatus.Ready, document.Status);

        var parsed = kb.Services.GetRequiredService<DocumentParserRegistry>().Parse(await File.ReadAllBytesAsync(file, Ct), "role_library.pdf", Ct);
        var expected = kb.Services.GetRequiredService<StructureAwareChunker>().Chunk(parsed, Ct);
        var ordinals = await check.Chunks.Select(c => c.Ordinal).OrderBy(o => o).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(0, expected.Count), ordinals);
        Assert.Equal(expected.Count, await kb.KeywordRowsAsync());
        Assert.False(await check.StagedChunks.AnyAsync(Ct));
        Assert.Contains(await kb.SearchAsync("What does the Chief Operating Officer do?"), p => p.DocumentName == "role_library.pdf");
    }
}
