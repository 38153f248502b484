using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Portal.Api;

/// <summary>
/// The real portal with two small Markdown documents, one for everyone and one for HR only, and people to
/// call the API as. Each test signs in as its own person, so the per-person rate limits do not collide.
/// </summary>
public sealed class ApiPortalFixture : IAsyncLifetime
{
    public const string HandbookName = "handbook.md";
    public const string SalaryName = "salary-bands.md";

    /// <summary>A phrase only the HR document holds.</summary>
    public const string HrPhrase = "zebrafish compensation ladder";

    public const int AsksPerMinute = 2;
    public const int SearchesPerMinute = 5;

    public const string Handbook = """
        # Employee handbook

        ## Vacation

        Every employee receives 25 days of paid vacation each calendar year. Vacation requests are approved by your manager at least two weeks in advance. Unused vacation days can be carried over until the end of March of the following year.

        ## Working from home

        Employees may work from home up to three days per week after agreeing the schedule with their team lead. The company pays a monthly allowance of 30 euros for internet costs at home.
        """;

    public const string SalaryBands = """
        # Salary bands

        ## Zebrafish compensation ladder

        The zebrafish compensation ladder places senior engineers between 91,000 and 118,000 euros per year. Salary reviews happen every October and raises are decided by the HR committee.
        """;

    public PortalHost Portal { get; private set; } = null!;

    public Guid HandbookId { get; private set; }

    public Guid SalaryId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalHost.StartAsync(new Dictionary<string, string?>
        {
            ["KnowledgePortal:RateLimits:AsksPerMinute"] = AsksPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["KnowledgePortal:RateLimits:SearchesPerMinute"] = SearchesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        HandbookId = (await Portal.IngestMarkdownAsync(HandbookName, Handbook)).Single();
        SalaryId = (await Portal.IngestMarkdownAsync(SalaryName, SalaryBands, "HR")).Single();
    }

    /// <summary>A new person (Employee, in <paramref name="groups"/>) signed in over HTTP.</summary>
    public async Task<HttpClient> SignInNewUserAsync(string name, params string[] groups)
    {
        var email = $"{name}@example.com";
        await Portal.CreateUserAsync(email, PortalRoles.Employee, groups);
        return await SignedInClient.CreateAsync(Portal.BaseAddress, email, PortalHost.UserPassword, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Portal.DisposeAsync();
}
