using System.Globalization;
using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Tests.Ingestion.Parsing;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Portal;

/// <summary>
/// A portal where "reimbursement" is in thirteen documents an employee may read (eleven Markdown,
/// one PDF, one text file whose words look like HTML) and in one HR-only document.
/// </summary>
public sealed class SearchPortalFixture : IAsyncLifetime
{
    public const string Employee = "searcher@example.com";
    public const int MarkdownDocuments = 11;
    public const string HrOnlyTitle = "Executive reimbursement secrets";

    public PortalHost Portal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalHost.StartAsync();
        var submissions = Enumerable.Range(1, MarkdownDocuments)
            .Select(i => new DocumentSubmission(
                string.Create(CultureInfo.InvariantCulture, $"travel-office-{i:00}.md"),
                Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"# Travel office {i}\n\n## Commuting\n\nCommute costs for office {i} are paid back by reimbursement each month. Keep your tickets for {i + 2} months.\n"))))
            .Append(new DocumentSubmission("claims-guide.pdf", TestPdfs.WithRunningHeaderAndFooter(pages: 2)))
            .Append(new DocumentSubmission("notes.txt", Encoding.UTF8.GetBytes("Reimbursement <b>rules</b> and <script>alert(1)</script> tags are shown as text.\n")))
            .Append(new DocumentSubmission("executive.md", Encoding.UTF8.GetBytes($"# {HrOnlyTitle}\n\nExecutive reimbursement limits are confidential.\n"), ["HR"]))
            .ToArray();
        await Portal.IngestAsync(submissions);
        await Portal.CreateUserAsync(Employee);
    }

    public async ValueTask DisposeAsync() => await Portal.DisposeAsync();
}
