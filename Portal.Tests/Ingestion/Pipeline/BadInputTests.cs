using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Tests.Ingestion.Parsing;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Tests.Ingestion.Pipeline;

/// <summary>
/// Every kind of bad file ends as a failed document with a message a person understands, while the
/// process keeps running and documents ingested earlier stay exactly as they were.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string GoodText = "# Parking\n\nThe staff garage opens at seven in the morning and closes at ten at night.";

    private TestKnowledgeBase kb = null!;
    private Guid goodDocument;
    private List<long> goodChunkIds = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        kb = await TestKnowledgeBase.CreateAsync(new Dictionary<string, string> { ["KnowledgePortal:Ingestion:MaxFileSizeMb"] = "1" });
        goodDocument = (await kb.IngestAsync(new DocumentSubmission("parking.md", Encoding.UTF8.GetBytes(GoodText))))[0].DocumentId!.Value;
        goodChunkIds = await ChunkIdsOfGoodDocumentAsync();
        Assert.NotEmpty(goodChunkIds);
    }

    public async ValueTask DisposeAsync()
    {
        // The document ingested before the bad file is untouched and still found.
        Assert.Equal(goodChunkIds, await ChunkIdsOfGoodDocumentAsync());
        Assert.Equal(DocumentStatus.Ready, (await kb.DocumentAsync(goodDocument)).Status);
        Assert.Contains(await kb.SearchAsync("When does the staff garage open?"), p => p.DocumentId == goodDocument);
        await kb.DisposeAsync();
    }

    private async Task<List<long>> ChunkIdsOfGoodDocumentAsync()
    {
        await using var db = await kb.DbAsync();
        return await db.Chunks.Where(c => c.DocumentId == goodDocument).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct);
    }

    private async Task<SourceDocument> IngestFailingAsync(string name, byte[] content)
    {
        var result = (await kb.IngestAsync(new DocumentSubmission(name, content)))[0];
        Assert.Equal(IntakeOutcome.Queued, result.Outcome);
        var document = await kb.DocumentAsync(result.DocumentId!.Value);
        Assert.Equal(DocumentStatus.Failed, document.Status);
        await using var db = await kb.DbAsync();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == result.JobId, Ct);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(document.Error, job.Error);
        Assert.False(await db.Chunks.AnyAsync(c => c.DocumentId == document.Id, Ct));
        Assert.False(await db.StagedChunks.AnyAsync(c => c.JobId == job.Id, Ct));
        Assert.DoesNotContain("Exception", document.Error, StringComparison.Ordinal);
        return document;
    }

    [Fact]
    public async Task An_empty_file_fails_saying_it_is_empty() =>
        Assert.Contains("empty", (await IngestFailingAsync("empty.md", [])).Error, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task A_pdf_with_no_pages_fails_clearly() =>
        Assert.Contains("no pages", (await IngestFailingAsync("zero.pdf", TestPdfs.ZeroPages())).Error, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task A_truncated_pdf_fails_as_damaged()
    {
        var whole = Corpus.ReadAllBytes("PerksPlus.pdf");
        var document = await IngestFailingAsync("truncated.pdf", whole[..(whole.Length / 2)]);
        Assert.Contains("damaged", document.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_encrypted_pdf_fails_asking_for_the_password_to_be_removed() =>
        Assert.Contains("password", (await IngestFailingAsync("secret.pdf", TestPdfs.Encrypted("Salary bands 2026", "s3cret", "owner"))).Error, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task A_scanned_pdf_without_words_fails_saying_ocr_found_none() =>
        Assert.Equal("The PDF has no extractable text, and OCR found no words in its scanned images.", (await IngestFailingAsync("scan.pdf", TestPdfs.ImageOnly())).Error);

    [Fact]
    public async Task A_png_named_pdf_fails_saying_what_it_really_is() =>
        Assert.Contains("PNG", (await IngestFailingAsync("report.pdf", TestFiles.PngHeader())).Error, StringComparison.Ordinal);

    [Fact]
    public async Task A_pdf_with_an_unreadable_page_is_ready_with_the_others_and_says_which_page_it_lacks()
    {
        var result = (await kb.IngestAsync(new DocumentSubmission("travel-guide.pdf", TestPdfs.WithUnreadablePages(3, 2))))[0];

        var document = await kb.DocumentAsync(result.DocumentId!.Value);
        Assert.Equal(DocumentStatus.Ready, document.Status);
        Assert.Equal("1 page could not be read (p. 2)", document.Warning);
        Assert.Equal(3, document.PageCount);
        var hit = Assert.Single(await kb.SearchAsync("page 3 of the travel guide", mode: RetrievalMode.Keyword), p => p.DocumentId == document.Id);
        Assert.Equal(3, hit.PageEnd);

        // A clean new version clears the warning.
        await kb.IngestAsync(new DocumentSubmission("travel-guide.pdf", TestPdfs.WithUnreadablePages(3)));
        Assert.Null((await kb.DocumentAsync(document.Id)).Warning);
    }

    [Fact]
    public async Task A_zip_renamed_to_docx_fails_saying_what_it_really_is()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("photos/readme.txt").Open();
            await entry.WriteAsync("holiday photos"u8.ToArray(), Ct);
        }

        var document = await IngestFailingAsync("report.docx", zip.ToArray());

        Assert.StartsWith("report.docx is really a ZIP archive, not a Word document;", document.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaged_and_bomb_office_files_fail_with_their_reason()
    {
        var docx = OfficeFiles.Word(null, OfficeFiles.Para("Quarterly numbers"));

        var truncated = await IngestFailingAsync("truncated.docx", docx[..(docx.Length / 2)]);
        var bomb = await IngestFailingAsync("bomb.pptx", WordDocumentParserTests.Bomb(OfficeFiles.PowerPoint(null, new OfficeFiles.Slide("Hi", ["there"])), 300L * 1024 * 1024));

        Assert.Equal("The Word document is damaged and cannot be read.", truncated.Error);
        Assert.StartsWith("The PowerPoint presentation unpacks to more than 256 MB", bomb.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_gigabyte_web_page_is_refused_before_it_is_read()
    {
        var path = Path.Combine(kb.DataDir, "export.html");
        await using (var stream = File.Create(path))
        {
            stream.SetLength(1024L * 1024 * 1024);
        }

        var result = await kb.Intake.SubmitFileAsync(path, null, Ct);

        Assert.Equal(IntakeOutcome.Rejected, result.Outcome);
        Assert.Contains("over the 1 MB limit", result.Message);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        // A sparse 3 GB file: reading it whole would fail differently (and take memory); the limit is checked first.
        var path = Path.Combine(kb.DataDir, "huge.pdf");
        await using (var stream = File.Create(path))
        {
            stream.SetLength(3L * 1024 * 1024 * 1024);
        }

        var result = await kb.Intake.SubmitFileAsync(path, null, Ct);

        Assert.Equal(IntakeOutcome.Rejected, result.Outcome);
        Assert.Contains("over the 1 MB limit", result.Message);
        Assert.Contains("3 GB", result.Message);
        await using var db = await kb.DbAsync();
        Assert.Single(await db.Documents.ToListAsync(Ct)); // only the good one
    }

    [Fact]
    public async Task Markdown_with_ten_thousand_headings_is_ingested()
    {
        var markdown = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            markdown.Append("## Heading ").Append(i).Append("\n\n");
        }
        markdown.Append("The last section explains the vacation carry-over rule for unused days.\n");

        var result = (await kb.IngestAsync(new DocumentSubmission("headings.md", Encoding.UTF8.GetBytes(markdown.ToString()))))[0];

        var document = await kb.DocumentAsync(result.DocumentId!.Value);
        Assert.Equal(DocumentStatus.Ready, document.Status);
        Assert.Contains(await kb.SearchAsync("vacation carry-over rule for unused days"), p => p.DocumentId == document.Id && p.Text.Contains("carry-over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Non_utf8_text_is_decoded_readably_and_found_by_its_accented_words()
    {
        var latin1 = Encoding.Latin1.GetBytes("Le café du personnel ouvre à huit heures. Apportez votre résumé à l'accueil.");

        var result = (await kb.IngestAsync(new DocumentSubmission("accueil.txt", latin1)))[0];

        var document = await kb.DocumentAsync(result.DocumentId!.Value);
        Assert.Equal(DocumentStatus.Ready, document.Status);
        var hit = Assert.Single(await kb.SearchAsync("résumé accueil", mode: RetrievalMode.Keyword), p => p.DocumentId == document.Id);
        Assert.Contains("café", hit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", hit.Text, StringComparison.Ordinal);
    }
}
