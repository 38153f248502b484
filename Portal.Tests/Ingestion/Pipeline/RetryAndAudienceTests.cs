using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Tests.Ingestion.Pipeline;

/// <summary>What the admin Documents page does to existing documents: retry a failed one, change who may read one.</summary>
public sealed class RetryAndAudienceTests : IAsyncLifetime
{
    private TestKnowledgeBase kb = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => kb = await TestKnowledgeBase.CreateAsync();

    public async ValueTask DisposeAsync() => await kb.DisposeAsync();

    [Fact]
    public async Task Retrying_a_failed_document_queues_its_stored_version_again_once()
    {
        // A PNG named .pdf: parsing fails with a message for people.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]];
        var failed = (await kb.IngestAsync(new DocumentSubmission("scan.pdf", png)))[0];
        var document = await kb.DocumentAsync(failed.DocumentId!.Value);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        var message = document.Error;

        var retry = await kb.Intake.RetryAsync(document.Id, Ct);
        var again = await kb.Intake.RetryAsync(document.Id, Ct);

        Assert.Equal(IntakeOutcome.Queued, retry.Outcome);
        Assert.Equal(IntakeOutcome.InProgress, again.Outcome);
        Assert.Equal(retry.JobId, again.JobId);
        var queued = await kb.DocumentAsync(document.Id);
        Assert.Equal(DocumentStatus.Queued, queued.Status);
        Assert.Null(queued.Error);
        await kb.RunWorkerAsync();
        await using var db = await kb.DbAsync();
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.DocumentId == document.Id).OrderBy(j => j.Id).ToListAsync(Ct);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(document.ContentHash, j.ContentHash));
        Assert.Equal(JobStatus.Failed, jobs[1].Status);
        Assert.Equal(message, (await kb.DocumentAsync(document.Id)).Error);
        Assert.Equal(IntakeOutcome.Rejected, (await kb.Intake.RetryAsync(Guid.NewGuid(), Ct)).Outcome);
    }

    [Fact]
    public async Task A_new_audience_applies_to_the_next_search()
    {
        var id = (await kb.IngestAsync(new DocumentSubmission("bonus.md",
            Encoding.UTF8.GetBytes("# Bonus\n\nThe annual bonus of the sales team is paid in February after the books close."))))[0].DocumentId!.Value;
        const string query = "When is the sales team bonus paid?";
        var hr = new SearchFilter(Principals.ForGroups(["HR"]));
        Assert.Contains(await kb.SearchAsync(query), p => p.DocumentId == id);

        Assert.True(await kb.Intake.SetAudienceAsync(id, ["HR"], Ct));

        Assert.DoesNotContain(await kb.SearchAsync(query), p => p.DocumentId == id);
        Assert.Contains(await kb.SearchAsync(query, hr), p => p.DocumentId == id);
        Assert.Equal(["group:HR"], (await kb.DocumentAsync(id)).Audience.Select(a => a.Principal));

        Assert.True(await kb.Intake.SetAudienceAsync(id, [Principals.Everyone], Ct));
        Assert.Contains(await kb.SearchAsync(query), p => p.DocumentId == id);
        Assert.False(await kb.Intake.SetAudienceAsync(Guid.NewGuid(), ["HR"], Ct));
    }
}
