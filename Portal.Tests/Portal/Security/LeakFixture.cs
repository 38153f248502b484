using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>
/// A portal holding one HR-only document with a unique fact, one document for everyone, and three
/// people: an HR member, an Engineering member and an employee in no group, each with a signed-in
/// browser session (cookie) and a personal API token.
/// </summary>
public sealed class LeakFixture : IAsyncLifetime
{
    public const string HrDocumentName = "zephyr-pay-bands.md";
    public const string HrTitle = "Zephyr compensation bands";
    public const string Secret = "187,500";
    public const string Question = "What is Zephyr salary band 7?";

    public const string HrMarkdown = $"""
        # {HrTitle}

        ## Salary bands

        Zephyr salary band 7 is {Secret} euros per year. Band 7 applies to principal engineers and senior managers.

        Band 6 is reviewed every spring by the compensation committee.
        """;

    public const string PublicMarkdown = """
        # Travel policy

        ## Trains and flights

        Book trains for trips under four hours. Flights need a manager's approval before booking.
        """;

    public const string HrArticleTitle = "Quillfeather relocation stipend";
    public const string HrArticleSecret = "6,350";
    public const string HrArticleQuestion = "How large is the Quillfeather stipend when relocating?";

    public const string HrArticleBody = $"""
        ## Amount

        The Quillfeather relocation stipend is {HrArticleSecret} euros, paid with the first salary after the move.
        """;

    public PortalHost Portal { get; private set; } = null!;

    public Guid HrArticleId { get; private set; }

    public Guid HrArticleDocumentId { get; private set; }

    /// <summary>The address of an image stored with the HR article.</summary>
    public string HrArticleImage { get; private set; } = null!;

    /// <summary>The smallest valid PNG (one transparent pixel).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    public Guid HrDocumentId { get; private set; }

    public long HrChunkId { get; private set; }

    public Person Hr { get; private set; } = null!;

    public Person Engineering { get; private set; } = null!;

    public Person NoGroups { get; private set; } = null!;

    /// <summary>People who may not read the HR document.</summary>
    public IEnumerable<Person> Outsiders => [Engineering, NoGroups];

    /// <summary>Everything that would give the HR document away: its fact, title, file name and id.</summary>
    public IEnumerable<string> Traces => [Secret, HrTitle, HrDocumentName, HrDocumentId.ToString(), HrDocumentId.ToString("N")];

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalHost.StartAsync();
        HrDocumentId = (await Portal.IngestMarkdownAsync(HrDocumentName, HrMarkdown, "HR"))[0];
        await Portal.IngestMarkdownAsync("travel-policy.md", PublicMarkdown);
        await using (var context = await Portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync())
        {
            HrChunkId = await context.Chunks.Where(c => c.DocumentId == HrDocumentId).OrderBy(c => c.Ordinal).Select(c => c.Id).FirstAsync();
        }
        Hr = await PersonAsync("hr@example.com", "HR");
        Engineering = await PersonAsync("engineer@example.com", "Engineering");
        NoGroups = await PersonAsync("newcomer@example.com");
        (HrArticleId, HrArticleDocumentId) = await Portal.PublishArticleAsync(HrArticleTitle, HrArticleBody, "HR");
        var markdown = await Portal.Services.GetRequiredService<KnowledgePortal.Shared.Articles.ArticleImages>()
            .AddAsync(KnowledgePortal.Shared.Articles.ArticleActor.CommandLine, HrArticleId, "stipend-chart.png", Png, CancellationToken.None);
        HrArticleImage = markdown[(markdown.IndexOf('(') + 1)..^1];
    }

    /// <summary>Everything that would give the HR article away: its fact, title and ids.</summary>
    public IEnumerable<string> ArticleTraces =>
        [HrArticleSecret, HrArticleTitle, HrArticleId.ToString(), HrArticleId.ToString("N"), HrArticleDocumentId.ToString()];

    public async ValueTask DisposeAsync()
    {
        foreach (var person in new[] { Hr, Engineering, NoGroups })
        {
            person?.Dispose();
        }
        await Portal.DisposeAsync();
    }

    /// <summary>A person as the portal sees them when they ask: their principal and the caller it resolves to.</summary>
    public async Task<Caller> CallerAsync(string userId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync((await users.FindByIdAsync(userId))!);
        return await Portal.Services.GetRequiredService<CallerResolver>().ResolveAsync(principal, CancellationToken.None);
    }

    private async Task<Person> PersonAsync(string email, params string[] groups)
    {
        var user = await Portal.CreateUserAsync(email, PortalRoles.Employee, groups);
        var token = await Portal.Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "leak test", null, CancellationToken.None);
        return new Person(user.Id, email, await Portal.SignedInClientAsync(email, PortalHost.UserPassword), Portal.Client(token.Secret));
    }
}
