using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.Shared.Answering;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Api;

/// <summary>/health when something needs attention, who reads its details, and that it never shows a secret.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private const string ApiKey = "sk-health-5ecret-0123456789";
    private const string HealthToken = "monitoring-3f9c1d7a2b6e4058";
    private PortalHost portal = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        portal = await PortalHost.StartAsync(new Dictionary<string, string?>
        {
            ["KnowledgePortal:Chat:Provider"] = "OpenAI",
            ["KnowledgePortal:Chat:Endpoint"] = new Uri(LoopbackChatServer.ClosedPortAddress(), "v1").ToString(),
            ["KnowledgePortal:Chat:Model"] = "gpt-test",
            ["KnowledgePortal:Chat:ApiKey"] = ApiKey,
            ["KnowledgePortal:Health:Token"] = HealthToken,
        });

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Reports_an_unreachable_chat_model_and_an_index_of_another_model_as_degraded_without_secrets()
    {
        using var monitoring = MonitoringClient(HealthToken);

        var (status, body, health) = await HealthAsync(monitoring);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var chat = health.GetProperty("chatModel");
        Assert.Equal("OpenAI", chat.GetProperty("provider").GetString());
        Assert.Equal("gpt-test", chat.GetProperty("model").GetString());
        Assert.False(chat.GetProperty("reachable").GetBoolean());
        AssertNoSecrets(body);

        // The index was built by another model: vector search skips it until `kp reindex`.
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Settings.Add(new StoreSetting { Key = "embedding.model", Value = "openai/text-embedding-3-large" });
            db.Settings.Add(new StoreSetting { Key = "embedding.dimension", Value = "3072" });
            await db.SaveChangesAsync(Ct);
        }
        (status, body, health) = await HealthAsync(monitoring);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var index = health.GetProperty("index");
        Assert.False(index.GetProperty("matches").GetBoolean());
        Assert.Equal("openai/text-embedding-3-large", index.GetProperty("model").GetString());
        Assert.Equal("local/all-MiniLM-L6-v2", index.GetProperty("configuredModel").GetString());
        Assert.Contains(health.GetProperty("messages").EnumerateArray(), m => m.GetString()!.Contains("kp reindex", StringComparison.Ordinal));
        AssertNoSecrets(body);
    }

    [Fact]
    public async Task An_unreadable_database_is_unhealthy_503()
    {
        using var anonymous = SignedInClient.Anonymous(portal.BaseAddress);
        using var monitoring = MonitoringClient(HealthToken);
        var databasePath = portal.Services.GetRequiredService<DataDirectory>().DatabasePath;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(databasePath)!, Path.GetFileName(databasePath) + "*"))
        {
            await File.WriteAllBytesAsync(file, new byte[8192], Ct);
        }

        var (status, body, health) = await HealthAsync(monitoring);
        var (anonymousStatus, anonymousBody, _) = await HealthAsync(anonymous);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymousStatus);
        Assert.Equal("""{"status":"unhealthy"}""", anonymousBody);
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.DoesNotContain(portal.DataDir, body, StringComparison.Ordinal);
        AssertNoSecrets(body);
    }

    [Fact]
    public async Task Anyone_else_gets_the_status_alone_which_an_HR_only_document_does_not_move()
    {
        using var anonymous = SignedInClient.Anonymous(portal.BaseAddress);
        using var wrongToken = MonitoringClient(HealthToken[..^1] + "0");
        using var monitoring = MonitoringClient(HealthToken);
        var (_, before, _) = await HealthAsync(anonymous);
        var (_, _, detailsBefore) = await HealthAsync(monitoring);

        await portal.IngestMarkdownAsync("salaries.md", "# Salary bands\n\nSenior engineers earn between 91,000 and 118,000 euros.\n", "HR");

        var (status, after, _) = await HealthAsync(anonymous);
        var (_, withWrongToken, _) = await HealthAsync(wrongToken);
        var (_, _, detailsAfter) = await HealthAsync(monitoring);
        Assert.Equal(HttpStatusCode.OK, status);
        // The chat model is unreachable: degraded, but which part and why is for the operator.
        Assert.Equal("""{"status":"degraded"}""", before);
        Assert.Equal(before, after);
        Assert.Equal(before, withWrongToken);
        // The details see the document: the anonymous body stayed the same because it holds nothing that could move.
        Assert.Equal(detailsBefore.GetProperty("index").GetProperty("documents").GetInt32() + 1,
            detailsAfter.GetProperty("index").GetProperty("documents").GetInt32());
    }

    private HttpClient MonitoringClient(string token)
    {
        var client = SignedInClient.Anonymous(portal.BaseAddress);
        client.DefaultRequestHeaders.Add("X-Health-Token", token);
        return client;
    }

    private void AssertNoSecrets(string body)
    {
        Assert.DoesNotContain(ApiKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(portal.DataDir, body, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body, JsonElement Health)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, body, JsonSerializer.Deserialize<JsonElement>(body));
    }
}
