using System.Text;
using KnowledgePortal.Ingestion;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Composition;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>
/// A data directory with three ingested documents (benefits for everyone, salaries for HR only, job descriptions for managers only), and
/// hosts composed on it as kp composes them, with or without a chat model.
/// </summary>
public sealed class KnowledgeBaseFixture : IAsyncLifetime
{
    public const string BenefitsDocument = "benefits.md";
    public const string SalariesDocument = "salaries.md";
    public const string RolesDocument = "roles.md";

    /// <summary>The group that may read <see cref="RolesDocument"/>; kept apart so everyone's answers stay as they were.</summary>
    public const string ManagersGroup = "Managers";

    private const string Benefits = """
        # Northwind Standard benefits

        ## Dental coverage

        Northwind Standard covers dental cleanings twice a year. Orthodontic treatment such as braces is not covered by Northwind Standard.

        ## Vision coverage

        Northwind Standard covers one eye exam a year and pays up to $150 toward glasses or contact lenses.

        ## PerksPlus

        PerksPlus reimburses up to $1,000 a year for fitness expenses such as gym memberships. Submit receipts through the benefits portal within 90 days.
        """;

    private const string Salaries = """
        # Salary bands

        ## Engineering

        Senior engineers are paid between $150,000 and $190,000 a year. Staff engineers are paid between $190,000 and $240,000 a year.
        """;

    private const string Roles = """
        # Job descriptions

        ## Manager of Product Management

        The Manager of Product Management owns the product roadmap and plans each release with the software engineering teams. Responsibilities include setting quarterly product goals, prioritising features with customers and reporting progress to the leadership team.
        """;

    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "kp-answering-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        using var host = await StartHostAsync(chat: null, CancellationToken.None);
        var intake = host.Services.GetRequiredService<DocumentIntake>();
        await intake.SubmitAsync(new DocumentSubmission(BenefitsDocument, Encoding.UTF8.GetBytes(Benefits)), CancellationToken.None);
        await intake.SubmitAsync(new DocumentSubmission(SalariesDocument, Encoding.UTF8.GetBytes(Salaries), ["HR"]), CancellationToken.None);
        await intake.SubmitAsync(new DocumentSubmission(RolesDocument, Encoding.UTF8.GetBytes(Roles), [ManagersGroup]), CancellationToken.None);
        await host.Services.GetRequiredService<IngestionWorker>().RunUntilIdleAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);
    }

    /// <summary>A started host on the knowledge base; <paramref name="chat"/> null means no chat model.</summary>
    public async Task<IHost> StartHostAsync(ChatModelOptions? chat, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KnowledgePortal:DataDir"] = dataDir,
            ["KnowledgePortal:Embeddings:WarmUp"] = "false",
        });
        if (chat is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["KnowledgePortal:Chat:Provider"] = chat.Provider.ToString(),
                ["KnowledgePortal:Chat:Endpoint"] = chat.Endpoint,
                ["KnowledgePortal:Chat:Model"] = chat.Model,
                ["KnowledgePortal:Chat:ApiKey"] = chat.ApiKey,
                ["KnowledgePortal:Chat:TimeoutSeconds"] = chat.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        builder.Services.AddKnowledgeCore(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        var host = builder.Build();
        await host.Services.GetRequiredService<KnowledgeStoreInitializer>().InitializeAsync(cancellationToken);
        await host.StartAsync(cancellationToken);
        return host;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary directory is cleaned up by the system.
        }
        return ValueTask.CompletedTask;
    }
}
