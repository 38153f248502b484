using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.Ingestion.Parsing;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Ingestion.Pipeline;

public class IngestionPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentSubmission Markdown(string name, string markdown, params string[] audience) =>
        new(name, Encoding.UTF8.GetBytes(markdown), audience.Length == 0 ? null : audience);

    private const string TravelPolicy = """
        ---
        title: Travel policy
        ---
        # Travel policy

        ## Booking flights

        Employees book economy class for flights shorter than six hours. Business class needs the approval of a vice president.

        ## Per diem

        The daily meal allowance abroad is 65 euros. Receipts are not required for the per diem.
        """;

    [Fact]
    public async Task A_document_becomes_searchable_with_pages_chunks_vectors_and_keyword_rows()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();

        var results = await kb.IngestAsync(
            Markdown("travel.md", TravelPolicy),
            new DocumentSubmission("PerksPlus.pdf", Corpus.ReadAllBytes("PerksPlus.pdf")));

        Assert.All(results, r => Assert.Equal(IntakeOutcome.Queued, r.Outcome));
        var travel = await kb.DocumentAsync(results[0].DocumentId!.Value);
        var perks = await kb.DocumentAsync(results[1].DocumentId!.Value);
        Assert.Equal(DocumentStatus.Ready, travel.Status);
        Assert.Equal("Travel policy", travel.Title);
        Assert.Equal(DocumentKind.Markdown, travel.Kind);
        Assert.Equal(DocumentStatus.Ready, perks.Status);
        Assert.Equal(4, perks.PageCount);
        await using var db = await kb.DbAsync();
        var chunks = await db.Chunks.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(travel.ChunkCount + perks.ChunkCount, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(384, VectorBytes.Dimension(c.Vector)));
        Assert.Equal(chunks.Count, await kb.KeywordRowsAsync());
        Assert.Empty(await db.StagedChunks.ToListAsync(Ct));

        var hits = await kb.SearchAsync("How much is the meal allowance when travelling abroad?");
        Assert.Equal("travel.md", hits[0].DocumentName);
        Assert.Contains("65 euros", hits[0].Text);
        Assert.StartsWith("Travel policy", hits[0].HeadingPath);
    }

    [Fact]
    public async Task Word_files_slide_decks_and_web_pages_are_found_at_their_page_or_slide()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();

        var results = await kb.IngestAsync(
            new DocumentSubmission("benefits.docx", OfficeFiles.Word(
                "Benefits guide",
                OfficeFiles.Para("Dental", "Heading1"),
                OfficeFiles.Para("Two check-ups a year are covered in full."),
                OfficeFiles.PageBreak(),
                OfficeFiles.Para("Vision", "Heading1"),
                OfficeFiles.Para("Glasses are reimbursed up to 150 euros every two years."))),
            new DocumentSubmission("kickoff.pptx", OfficeFiles.PowerPoint(
                "Kickoff",
                new OfficeFiles.Slide("Agenda", ["Welcome", "Roadmap"]),
                new OfficeFiles.Slide("Parking", ["Visitors park on level minus two of the garage"]))),
            new DocumentSubmission("canteen.html", Encoding.UTF8.GetBytes(
                "<html><head><title>Canteen</title></head><body><nav>Home | News</nav><main><h1>Canteen</h1><p>The canteen serves vegetarian lunch every Thursday.</p></main></body></html>")));

        Assert.All(results, r => Assert.Equal(IntakeOutcome.Queued, r.Outcome));
        var documents = await Task.WhenAll(results.Select(r => kb.DocumentAsync(r.DocumentId!.Value)));
        Assert.All(documents, d => Assert.Equal(DocumentStatus.Ready, d.Status));
        Assert.Equal([DocumentKind.Word, DocumentKind.PowerPoint, DocumentKind.Html], documents.Select(d => d.Kind));
        Assert.Equal([2, 2, 1], documents.Select(d => d.PageCount));

        var glasses = (await kb.SearchAsync("How much are glasses reimbursed?"))[0];
        Assert.Equal(("benefits.docx", 2), (glasses.DocumentName, glasses.PageEnd));
        var parking = (await kb.SearchAsync("Where do visitors park?"))[0];
        // Slides this short are packed into one passage, which ends on the slide that answers.
        Assert.Equal(("kickoff.pptx", 2), (parking.DocumentName, parking.PageEnd));
        Assert.Contains("level minus two", parking.Text, StringComparison.Ordinal);
        var lunch = (await kb.SearchAsync("vegetarian lunch day"))[0];
        Assert.Equal("canteen.html", lunch.DocumentName);
        Assert.DoesNotContain("News", lunch.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scanned_pdf_is_read_by_ocr_and_a_question_about_its_text_finds_it()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();

        var result = (await kb.IngestAsync(new DocumentSubmission("perks-scan.pdf", TestPdfs.Scanned(Corpus.ReadAllBytes("PerksPlus.pdf"), [3]))))[0];

        var document = await kb.DocumentAsync(result.DocumentId!.Value);
        Assert.Equal(DocumentStatus.Ready, document.Status);
        Assert.Null(document.Warning);
        var hits = await kb.SearchAsync("How much can employees expense for fitness programs?", mode: RetrievalMode.Keyword);
        Assert.Contains(hits, h => h.DocumentName == "perks-scan.pdf" && h.Text.Contains("expense up to $1000", StringComparison.Ordinal));
        Assert.Equal("perks-scan.pdf", (await kb.SearchAsync("Which fitness activities are covered?"))[0].DocumentName);
    }

    [Fact]
    public async Task Submitting_unchanged_content_again_is_a_no_op()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var first = (await kb.IngestAsync(Markdown("travel.md", TravelPolicy)))[0];
        await using var db = await kb.DbAsync();
        var chunkIds = await db.Chunks.Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct);

        var again = (await kb.IngestAsync(Markdown("travel.md", TravelPolicy)))[0];

        Assert.Equal(IntakeOutcome.Unchanged, again.Outcome);
        Assert.Equal(first.DocumentId, again.DocumentId);
        Assert.Null(again.JobId);
        Assert.Equal(chunkIds, await db.Chunks.Select(c => c.Id).OrderBy(id => id).ToListAsync(Ct));
        Assert.Equal(1, await db.Jobs.CountAsync(Ct));
    }

    [Fact]
    public async Task A_changed_file_replaces_all_its_chunks_so_old_text_is_no_longer_found()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var first = (await kb.IngestAsync(Markdown("travel.md", TravelPolicy)))[0];
        await using var db = await kb.DbAsync();
        var oldIds = await db.Chunks.Select(c => c.Id).ToListAsync(Ct);

        var changed = TravelPolicy.Replace("65 euros", "80 euros", StringComparison.Ordinal).Replace("economy", "premium economy", StringComparison.Ordinal);
        var second = (await kb.IngestAsync(Markdown("travel.md", changed)))[0];

        Assert.Equal(IntakeOutcome.Queued, second.Outcome);
        Assert.Equal(first.DocumentId, second.DocumentId);
        var chunks = await db.Chunks.AsNoTracking().ToListAsync(Ct);
        // The passages that changed are new passages: a citation of the old text must not point at the new.
        Assert.DoesNotContain(chunks, c => oldIds.Contains(c.Id) && (c.Text.Contains("80 euros", StringComparison.Ordinal) || c.Text.Contains("premium economy", StringComparison.Ordinal)));
        Assert.Equal(chunks.Count, chunks.Select(c => c.Ordinal).Distinct().Count());
        Assert.Equal(chunks.Count, await kb.KeywordRowsAsync());
        var keyword = await kb.SearchAsync("65 euros", mode: RetrievalMode.Keyword);
        Assert.DoesNotContain(keyword, p => p.Text.Contains("65 euros", StringComparison.Ordinal));
        var hybrid = await kb.SearchAsync("daily meal allowance abroad");
        Assert.Contains("80 euros", hybrid[0].Text);
        Assert.Single(await db.Documents.ToListAsync(Ct));
    }

    [Fact]
    public async Task A_reindex_keeps_the_ids_of_unchanged_passages_so_saved_citations_still_open_them()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var documentId = (await kb.IngestAsync(Markdown("travel.md", TravelPolicy)))[0].DocumentId!.Value;
        await using var db = await kb.DbAsync();
        var before = await db.Chunks.AsNoTracking().OrderBy(c => c.Ordinal).Select(c => new { c.Id, c.Text }).ToListAsync(Ct);

        await kb.Services.GetRequiredService<ReindexScheduler>().ScheduleAllAsync(Ct);
        await kb.RunWorkerAsync();

        var after = await db.Chunks.AsNoTracking().OrderBy(c => c.Ordinal).Select(c => new { c.Id, c.Text }).ToListAsync(Ct);
        Assert.Equal(before, after);
        Assert.Equal(DocumentStatus.Ready, (await kb.DocumentAsync(documentId)).Status);
        var cited = before.First(c => c.Text.Contains("65 euros", StringComparison.Ordinal)).Id;
        var found = await kb.SearchAsync("daily meal allowance abroad");
        Assert.Equal(cited, found[0].ChunkId); // both indexes know the passage under its old id
        var keyword = await kb.SearchAsync("per diem receipts", mode: RetrievalMode.Keyword);
        Assert.Equal(cited, keyword[0].ChunkId);
    }

    [Fact]
    public async Task Deleting_a_document_removes_it_from_both_indexes_and_the_stored_originals()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var results = await kb.IngestAsync(Markdown("travel.md", TravelPolicy), Markdown("other.md", "# Parking\n\nThe garage opens at seven in the morning for all staff."));
        var travel = await kb.DocumentAsync(results[0].DocumentId!.Value);

        Assert.True(await kb.Services.GetRequiredService<DocumentRemover>().DeleteAsync(travel.Id, Ct));

        Assert.DoesNotContain(await kb.SearchAsync("meal allowance per diem", mode: RetrievalMode.Vector), p => p.DocumentId == travel.Id);
        Assert.DoesNotContain(await kb.SearchAsync("meal allowance per diem", mode: RetrievalMode.Keyword), p => p.DocumentId == travel.Id);
        await using var db = await kb.DbAsync();
        Assert.Equal(await db.Chunks.CountAsync(Ct), await kb.KeywordRowsAsync());
        Assert.False(await db.Chunks.AnyAsync(c => c.DocumentId == travel.Id, Ct));
        Assert.False(kb.Services.GetRequiredService<OriginalFileStore>().Exists(travel.ContentHash));
        Assert.NotEmpty(await kb.SearchAsync("When does the garage open?"));
    }

    [Fact]
    public async Task An_index_built_by_another_model_refuses_new_work_with_a_reindex_instruction()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        await using (var db = await kb.DbAsync())
        {
            db.Settings.Add(new StoreSetting { Key = "embedding.model", Value = "openai/text-embedding-3-small" });
            db.Settings.Add(new StoreSetting { Key = "embedding.dimension", Value = "1536" });
            await db.SaveChangesAsync(Ct);
        }

        var result = (await kb.IngestAsync(Markdown("travel.md", TravelPolicy)))[0];

        var document = await kb.DocumentAsync(result.DocumentId!.Value);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Contains("kp reindex", document.Error);
        Assert.Contains("text-embedding-3-small", document.Error);

        var jobs = await kb.Services.GetRequiredService<ReindexScheduler>().ScheduleAllAsync(Ct);
        await kb.RunWorkerAsync();
        Assert.Single(jobs);
        Assert.Equal(DocumentStatus.Ready, (await kb.DocumentAsync(document.Id)).Status);
    }

    [Fact]
    public async Task A_new_version_that_fails_leaves_the_previous_version_searchable()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var first = (await kb.IngestAsync(new DocumentSubmission("policy.md", Encoding.UTF8.GetBytes(TravelPolicy))))[0];

        var broken = (await kb.IngestAsync(new DocumentSubmission("policy.md", Parsing.TestFiles.PngHeader())))[0];

        var document = await kb.DocumentAsync(first.DocumentId!.Value);
        Assert.Equal(first.DocumentId, broken.DocumentId);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Contains("PNG", document.Error);
        Assert.NotEqual(document.ContentHash, document.IndexedHash);
        Assert.Contains("65 euros", (await kb.SearchAsync("daily meal allowance abroad"))[0].Text);
    }
}
