using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Portal;

/// <summary>A portal with one document, an admin, an editor and an employee, shared by the browser tests of everyday use.</summary>
public sealed class OneDocumentPortalFixture : IAsyncLifetime
{
    public const string Editor = "editor@example.com";
    public const string Employee = "employee@example.com";

    public PortalHost Portal { get; private set; } = null!;

    public Browser Browser { get; private set; } = null!;

    public Guid DocumentId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalHost.StartAsync();
        DocumentId = (await Portal.IngestMarkdownAsync("parking.md", """
            # Parking rules

            ## Visitors

            Visitors park on level minus two of the east garage and register at the front desk with their licence plate.

            ## Bicycles

            Bicycles go in the locked room beside the north entrance; badges open it from six in the morning.
            """))[0];
        await Portal.CreateUserAsync(Editor, PortalRoles.Editor, "Facilities");
        await Portal.CreateUserAsync(Employee, PortalRoles.Employee, "Engineering");
        Browser = await TestSupport.Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Portal.DisposeAsync();
    }
}
