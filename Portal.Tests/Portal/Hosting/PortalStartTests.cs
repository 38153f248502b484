using KnowledgePortal.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal.Hosting;

/// <summary>
/// The portal started the ways the README and a newcomer start it, as a separate process: the data directory
/// follows `--data`, then KnowledgePortal__DataDir, then ./data of the current folder; and the pages look and
/// work the same in Production, from `dotnet run` and from a published build.
/// </summary>
public sealed class PortalStartTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "Admin-password-1";

    private readonly string folder = Directory.CreateTempSubdirectory("kp-start-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Dotnet_run_uses_the_data_directory_named_by_the_environment_over_the_launch_profile()
    {
        var chosen = Path.Combine(folder, "chosen");

        await using var portal = await PortalProcess.DotnetRunAsync(folder, Settings(("KnowledgePortal__DataDir", chosen)));

        Assert.Equal(chosen, portal.DataDirectory);
        Assert.True(File.Exists(Path.Combine(chosen, "knowledge.db")), portal.Output);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")));
    }

    [Fact]
    public async Task Without_a_setting_the_data_directory_is_data_in_the_current_folder_and_data_wins_over_the_environment()
    {
        await using (var portal = await PortalProcess.DotnetRunAsync(folder, Settings()))
        {
            Assert.Equal(Path.Combine(folder, "data"), portal.DataDirectory);
        }

        var flag = Path.Combine(folder, "from-flag");
        await using var flagged = await PortalProcess.DotnetRunAsync(
            folder, Settings(("KnowledgePortal__DataDir", Path.Combine(folder, "from-environment"))), launchProfile: true, "--data", flag);
        Assert.Equal(flag, flagged.DataDirectory);
    }

    [Fact]
    public async Task In_production_from_dotnet_run_the_pages_are_styled_and_an_employee_can_ask()
    {
        var data = await KnowledgeBaseWithOneDocumentAsync();
        await using var portal = await PortalProcess.DotnetRunAsync(
            folder, Settings(("KnowledgePortal__DataDir", data), ("ASPNETCORE_ENVIRONMENT", "Production")), launchProfile: false);

        await AssertStyledAndInteractiveAsync(portal.BaseAddress);
    }

    [Fact]
    public async Task A_published_build_serves_the_same_styled_interactive_pages()
    {
        var published = Path.Combine(folder, "published");
        await PortalProcess.PublishAsync(published);
        var data = await KnowledgeBaseWithOneDocumentAsync();
        await using var portal = await PortalProcess.PublishedAsync(published, folder, Settings(("KnowledgePortal__DataDir", data)));

        await AssertStyledAndInteractiveAsync(portal.BaseAddress);
    }

    /// <summary>Signs in as the admin, checks MudBlazor's stylesheet is applied, asks and waits for the streamed, cited answer.</summary>
    private static async Task AssertStyledAndInteractiveAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/_framework/blazor.web.js", Ct)).StatusCode);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(baseAddress);
        await Browser.SignInAsync(page, AdminEmail, AdminPassword);

        // Without MudBlazor's CSS the app bar is a plain block header with no stacking order.
        var appBar = page.Locator(".mud-appbar").First;
        Assert.Equal("flex", await appBar.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.NotEqual("auto", await appBar.EvaluateAsync<string>("e => getComputedStyle(e).zIndex"));

        await page.FillAsync("#ask-input", "When is the expense report due?");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=citation-chip]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=answer-text]").First).ToContainTextAsync("thirty days");
    }

    /// <summary>A data directory holding one ingested Markdown document, made by the real `kp ingest`.</summary>
    private async Task<string> KnowledgeBaseWithOneDocumentAsync()
    {
        var data = Path.Combine(folder, "kb");
        var file = Path.Combine(folder, "expenses.md");
        await File.WriteAllTextAsync(file, "# Expense reports\n\nThe expense report is due within thirty days of the trip, with every receipt attached.\n", Ct);
        var ingest = await KpProcess.RunAsync(["ingest", file, "--data", data]);
        Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);
        return data;
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>
        {
            ["KnowledgePortal__Admin__Email"] = AdminEmail,
            ["KnowledgePortal__Admin__Password"] = AdminPassword,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        return all;
    }
}
