using KnowledgePortal.Shared.Articles;
using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Portal.Hosting;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>
/// The real portal, composed by <see cref="PortalApp"/> exactly as Program does, listening on a free
/// loopback port with a temporary data directory (SQLite file, local ONNX embedder, in-process worker).
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-password-1";
    public const string UserPassword = "User-password-1";

    private readonly bool ownsDataDir;

    private PortalHost(WebApplication app, Uri baseAddress, string dataDir, bool ownsDataDir)
    {
        App = app;
        BaseAddress = baseAddress;
        DataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDir { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="configure">Runs before the portal registers its services: for settings, log providers, and the services the portal only adds when missing (<c>OperatorConsole</c>).</param>
    public static async Task<PortalHost> StartAsync(
        IDictionary<string, string?>? settings = null, string? dataDir = null, Action<WebApplicationBuilder>? configure = null)
    {
        var owns = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("kp-portal-").FullName;
        var builder = PortalApp.CreateBuilder([], new WebApplicationOptions
        {
            // The static web assets manifest (MudBlazor, blazor.web.js) is found by the portal's assembly name.
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = PortalContentRoot(),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KnowledgePortal:DataDir"] = dataDir,
            ["KnowledgePortal:Admin:Email"] = AdminEmail,
            ["KnowledgePortal:Admin:Password"] = AdminPassword,
            ["KnowledgePortal:Ingestion:PollSeconds"] = "0.2",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        configure?.Invoke(builder);
        var app = PortalApp.Build(builder);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PortalHost(app, new Uri(address), dataDir, owns);
    }

    /// <summary>Adds files through the portal's own intake and waits until its worker has processed them.</summary>
    public async Task<IReadOnlyList<Guid>> IngestAsync(params DocumentSubmission[] submissions)
    {
        var intake = Services.GetRequiredService<DocumentIntake>();
        var ids = new List<Guid>();
        foreach (var submission in submissions)
        {
            ids.Add((await intake.SubmitAsync(submission, TestContext.Current.CancellationToken)).DocumentId!.Value);
        }
        await WaitUntilProcessedAsync(ids);
        return ids;
    }

    /// <summary>Writes and publishes an article as `kp` would (an administrator, no review) and waits until it is searchable.</summary>
    public async Task<(Guid ArticleId, Guid DocumentId)> PublishArticleAsync(string title, string body, params string[] audience)
    {
        var workflow = Services.GetRequiredService<ArticleWorkflow>();
        var article = await workflow.CreateAsync(ArticleActor.CommandLine, new ArticleDraft(title, body), audience.Length == 0 ? null : audience, TestContext.Current.CancellationToken);
        await workflow.PublishAsync(ArticleActor.CommandLine, article.Id, TestContext.Current.CancellationToken);
        await using var context = await Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var documentId = await context.Articles.Where(a => a.Id == article.Id).Select(a => a.DocumentId!.Value).SingleAsync(TestContext.Current.CancellationToken);
        await WaitUntilProcessedAsync([documentId]);
        return (article.Id, documentId);
    }

    private async Task WaitUntilProcessedAsync(IReadOnlyList<Guid> ids)
    {
        var contextFactory = Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            await using var context = await contextFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
            var pending = await context.Documents.CountAsync(d => ids.Contains(d.Id) && (d.Status == DocumentStatus.Queued || d.Status == DocumentStatus.Processing), TestContext.Current.CancellationToken);
            if (pending == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The portal's worker did not finish ingesting the test documents.");
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public Task<IReadOnlyList<Guid>> IngestCorpusAsync(params string[] names) =>
        IngestAsync([.. names.Select(n => new DocumentSubmission(n, Corpus.ReadAllBytes(n)))]);

    public Task<IReadOnlyList<Guid>> IngestMarkdownAsync(string name, string markdown, params string[] audience) =>
        IngestAsync(new DocumentSubmission(name, Encoding.UTF8.GetBytes(markdown), audience.Length == 0 ? null : audience));

    /// <summary>Creates a user with a role and groups (creating the groups as needed); the password is <see cref="UserPassword"/>.</summary>
    public async Task<PortalUser> CreateUserAsync(string email, string role = PortalRoles.Employee, params string[] groups)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(email, email.Split('@')[0], role, groups, UserPassword, mustChangePassword: false, TestContext.Current.CancellationToken);
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(created.User.Id))!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (ownsDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // left for the OS temp cleaner
            }
        }
    }

    private static string PortalContentRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Portal");
            if (File.Exists(Path.Combine(candidate, "Portal.csproj")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("The Portal project folder was not found above " + AppContext.BaseDirectory);
    }
}
