using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.Ingestion.Parsing;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal;

/// <summary>
/// One real portal for the source viewer and original-file tests: a corpus PDF and Markdown for
/// everyone, an HR-only document, a text file with a non-ASCII name, a two-page Word handbook, a web
/// page full of scripts, and two documents that never got indexed (one waiting, one failed). An
/// employee in no group, and an HR member.
/// </summary>
public sealed class SourcesPortalFixture : IAsyncLifetime
{
    public const string Employee = "employee@example.com";
    public const string HrMember = "hr@example.com";
    public const string SalariesTitle = "Salary bands 2026";
    public const string NonAsciiName = "Räksmörgås notes.txt";

    public PortalHost Portal { get; private set; } = null!;

    public Guid PerksPlus { get; private set; }

    public Guid LeavePolicy { get; private set; }

    public Guid Salaries { get; private set; }

    public Guid Notes { get; private set; }

    public Guid Handbook { get; private set; }

    public Guid HostilePage { get; private set; }

    public Guid HrPdf { get; private set; }

    public Guid Waiting { get; private set; }

    public Guid Broken { get; private set; }

    public static string LeavePolicyMarkdown { get; } = BuildLeavePolicy();

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalHost.StartAsync();
        var ids = await Portal.IngestAsync(
            new DocumentSubmission("PerksPlus.pdf", Corpus.ReadAllBytes("PerksPlus.pdf")),
            new DocumentSubmission("leave-policy.md", Encoding.UTF8.GetBytes(LeavePolicyMarkdown)),
            new DocumentSubmission("salaries.md", Encoding.UTF8.GetBytes($"# {SalariesTitle}\n\nSenior engineers are paid between $150,000 and $190,000 a year.\n"), ["HR"]),
            new DocumentSubmission(NonAsciiName, Encoding.UTF8.GetBytes("Smörgåsbord of notes.\n\nSecond paragraph <b>not bold</b>.\n")));
        (PerksPlus, LeavePolicy, Salaries, Notes) = (ids[0], ids[1], ids[2], ids[3]);
        var office = await Portal.IngestAsync(
            new DocumentSubmission("handbook.docx", HandbookDocx()),
            new DocumentSubmission("hostile.html", Encoding.UTF8.GetBytes(HostileHtml)),
            new DocumentSubmission("hr-guide.pdf", TestPdfs.WithUnreadablePages(2), ["HR"]));
        (Handbook, HostilePage, HrPdf) = (office[0], office[1], office[2]);
        Waiting = await AddUnindexedAsync("waiting.pdf", DocumentStatus.Queued, error: null);
        Broken = await AddUnindexedAsync("broken.pdf", DocumentStatus.Failed, "The file is not a valid PDF (no cross-reference table).");
        await Portal.CreateUserAsync(Employee);
        await Portal.CreateUserAsync(HrMember, groups: "HR");
    }

    public async ValueTask DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>Every way a page can try to run code: were any of it run, it would leave a mark in localStorage or open a dialog.</summary>
    public const string HostileHtml = """
        <!DOCTYPE html><html><head><title>Holiday calendar</title>
        <script>localStorage.setItem('pwned', 'script'); alert('script');</script></head>
        <body onload="localStorage.setItem('pwned', 'onload')">
        <h1>Holiday calendar</h1>
        <p onmouseover="alert('hover')">The office is closed on the first Monday of May.</p>
        <img src="missing.png" onerror="localStorage.setItem('pwned', 'onerror')">
        <a href="javascript:localStorage.setItem('pwned', 'link')">calendar link</a>
        <iframe srcdoc="<script>parent.localStorage.setItem('pwned', 'iframe')</script>"></iframe>
        </body></html>
        """;

    private static byte[] HandbookDocx() => OfficeFiles.Word(
        "Employee Handbook",
        OfficeFiles.Para("Leave", "Heading1"),
        OfficeFiles.Para("Everyone gets 25 days of annual leave."),
        OfficeFiles.PageBreak(),
        OfficeFiles.Para("Health plans", "Heading1"),
        OfficeFiles.WordTable(["Plan", "Specialist copay"], ["Northwind Standard", "$60"], ["Northwind Plus", "$50"]));

    public async Task<KnowledgeDbContext> DbAsync() =>
        await Portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public async Task<List<Chunk>> ChunksAsync(Guid documentId)
    {
        await using var db = await DbAsync();
        return await db.Chunks.AsNoTracking().Where(c => c.DocumentId == documentId).OrderBy(c => c.Ordinal).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<string> PageTextAsync(Guid documentId, int page)
    {
        await using var db = await DbAsync();
        return await db.DocumentPages.Where(p => p.DocumentId == documentId && p.Number == page).Select(p => p.Text).SingleAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A document as intake leaves it before the worker gets to it (no job, so it stays that way).</summary>
    private async Task<Guid> AddUnindexedAsync(string name, DocumentStatus status, string? error)
    {
        await using var db = await DbAsync();
        var now = DateTimeOffset.UtcNow;
        var document = new SourceDocument
        {
            Id = Guid.NewGuid(),
            Name = name,
            ContentHash = new string('a', 64),
            Status = status,
            Error = error,
            CreatedAt = now,
            UpdatedAt = now,
            Audience = [new DocumentAudience { Principal = Principals.Everyone }],
        };
        db.Documents.Add(document);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return document.Id;
    }

    /// <summary>Three sections long enough to be chunked apart.</summary>
    private static string BuildLeavePolicy()
    {
        static string Section(string heading, string topic, params string[] sentences) =>
            $"## {heading}\n\n" + string.Join("\n\n", Enumerable.Range(0, 3).Select(i =>
                string.Join(" ", sentences.Select(s => s.Replace("{n}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))) + $" This is note {i + 1} about {topic}.")) + "\n\n";

        return "# Leave policy\n\n"
            + Section("Vacation", "vacation",
                "Every employee earns twenty five vacation days a year, accrued monthly from the first day of work.",
                "Unused vacation days carry over to the next year up to a limit of ten days, rule {n}.",
                "Vacation requests go to your manager at least two weeks ahead through the time-off tool.",
                "Managers answer vacation requests within three working days.")
            + Section("Parental leave", "parental leave",
                "Parents receive sixteen weeks of fully paid parental leave after a birth or adoption.",
                "Parental leave can be split into blocks within the first eighteen months, clause {n}.",
                "Tell the people team about planned parental leave at least eight weeks before it starts.",
                "Your role and salary are protected while you are on parental leave.")
            + Section("Sick leave", "sick leave",
                "Report sick leave to your manager before your working day starts.",
                "A doctor's note is needed from the fourth consecutive day of sick leave, item {n}.",
                "Sick leave does not reduce your vacation days.",
                "Long sick leave is supported by a return-to-work plan agreed with the people team.");
    }
}
