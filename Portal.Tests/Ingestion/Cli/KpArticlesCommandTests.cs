using System.Text.Json;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Ingestion.Cli;

/// <summary>`kp articles`: import reports each bad file with its line and imports the rest; export and import round-trip.</summary>
public sealed class KpArticlesCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string dataDir = Directory.CreateTempSubdirectory("kp-articles-").FullName;
    private readonly string otherDataDir = Directory.CreateTempSubdirectory("kp-articles-copy-").FullName;
    private readonly string inputDir = Directory.CreateTempSubdirectory("kp-articles-in-").FullName;
    private readonly string exportDir = Directory.CreateTempSubdirectory("kp-articles-out-").FullName;

    /// <summary>A 2 KB body limit, so one test file can be over it without being large.</summary>
    private static readonly Dictionary<string, string> SmallBodies = new() { ["KnowledgePortal__Articles__MaxBodyKb"] = "2" };

    public void Dispose()
    {
        foreach (var directory in new[] { dataDir, otherDataDir, inputDir, exportDir })
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<KpProcess.Result> Kp(string data, params string[] arguments) =>
        KpProcess.RunAsync([.. arguments, "--data", data], SmallBodies);

    private Task WriteAsync(string name, string text) => File.WriteAllTextAsync(Path.Combine(inputDir, name), text.Replace("\r\n", "\n"), Ct);

    [Fact]
    public async Task Import_reports_each_bad_file_with_its_line_and_publishes_the_good_ones()
    {
        await WriteAsync("1-shuttle.md", """
            ---
            title: Harbour shuttle
            summary: When the shuttle leaves.
            tags: [transport, office]
            state: published
            ---
            ## Morning

            The Brightwater harbour shuttle leaves the front gate at 07:40 on weekdays.
            """);
        await WriteAsync("2-broken-yaml.md", "---\ntitle: Broken\ntags: [unclosed\n---\nBody\n");
        await WriteAsync("3-unknown-state.md", "---\ntitle: Unknown state\nstate: approved\n---\nBody\n");
        await WriteAsync("4-unknown-group.md", "---\ntitle: Secret pay\naudience: [Payroll]\n---\nBody\n");
        await WriteAsync("5-duplicate.md", "---\ntitle: harbour shuttle\n---\nAnother text\n");
        await WriteAsync("6-too-long.md", "---\ntitle: Long\n---\n" + new string('x', 3000) + "\n");
        await WriteAsync("7-draft.md", "---\ntitle: Canteen menu\nstate: draft\n---\nSoup on Mondays.\n");

        var import = await Kp(dataDir, "articles", "import", inputDir);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("2 imported, 5 failed", import.Output);
        Assert.Contains("2-broken-yaml.md:4:", import.Error); // the closing fence ends the unclosed list
        Assert.Contains("3-unknown-state.md:3: unknown state \"approved\"", import.Error);
        Assert.Contains("4-unknown-group.md:3: There is no group named \"Payroll\"", import.Error);
        Assert.Contains("5-duplicate.md:2: Another article is already titled \"harbour shuttle\"", import.Error);
        Assert.Contains("6-too-long.md:", import.Error);
        Assert.Contains("over the 2 KB limit", import.Error);

        var list = JsonDocument.Parse((await Kp(dataDir, "articles", "list", "--json")).Output).RootElement;
        Assert.Equal(["Canteen menu", "Harbour shuttle"], list.EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        var shuttle = list[1];
        Assert.Equal("published", shuttle.GetProperty("state").GetString());
        Assert.Equal(1, shuttle.GetProperty("version").GetInt32());
        Assert.Equal(["transport", "office"], shuttle.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("draft", list[0].GetProperty("state").GetString());

        var search = await Kp(dataDir, "search", "when does the shuttle leave", "--json");
        Assert.Contains("07:40", search.Output);
        Assert.DoesNotContain("Soup on Mondays", (await Kp(dataDir, "search", "what soup is served", "--json")).Output);

        Assert.Equal(0, (await Kp(dataDir, "articles", "retire", "Harbour shuttle")).ExitCode);
        Assert.DoesNotContain("07:40", (await Kp(dataDir, "search", "when does the shuttle leave", "--json")).Output);
        Assert.Equal(0, (await Kp(dataDir, "articles", "publish", "Canteen menu")).ExitCode);
        Assert.Contains("Soup on Mondays", (await Kp(dataDir, "search", "what soup is served", "--json")).Output);
    }

    [Fact]
    public async Task An_export_imported_into_another_portal_gives_the_same_articles_and_exports_to_the_same_files()
    {
        await WriteAsync("a.md", """
            ---
            title: "Travel: booking rules"
            summary: "Trains under four hours; flights need approval."
            tags: [travel, "policy, 2026"]
            verification_interval_days: 30
            valid_until: 2031-06-30
            state: published
            ---
            ## Trains

            Book trains for trips under four hours.
            """);
        await WriteAsync("b.md", "---\ntitle: Reviewing\nstate: in_review\n---\nA draft someone should review.\n");
        await WriteAsync("c.md", "---\ntitle: Old office\nstate: retired\n---\nThe old office closed.\n");
        Assert.Equal(0, (await Kp(dataDir, "articles", "import", inputDir)).ExitCode);

        Assert.Equal(0, (await Kp(dataDir, "articles", "export", exportDir)).ExitCode);
        Assert.Equal(0, (await Kp(otherDataDir, "articles", "import", exportDir)).ExitCode);
        var again = Directory.CreateTempSubdirectory("kp-articles-again-").FullName;
        try
        {
            Assert.Equal(0, (await Kp(otherDataDir, "articles", "export", again)).ExitCode);
            var first = Directory.GetFiles(exportDir).Order().Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
            var second = Directory.GetFiles(again).Order().Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
            Assert.Equal(3, first.Count);
            Assert.Equal(first, second);
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
        var exported = await File.ReadAllTextAsync(Path.Combine(exportDir, "travel-booking-rules.md"), Ct);
        Assert.Contains("title: \"Travel: booking rules\"", exported);
        Assert.Contains("tags: [\"travel\", \"policy\", \"2026\"]", exported);
        Assert.Contains("verification_interval_days: 30", exported);
        Assert.Contains("valid_until: 2031-06-30T00:00:00Z", exported);
        Assert.Contains("state: published", exported);

        var list = JsonDocument.Parse((await Kp(otherDataDir, "articles", "list", "--json")).Output).RootElement;
        Assert.Equal(
            [("Old office", "retired"), ("Reviewing", "in_review"), ("Travel: booking rules", "published")],
            list.EnumerateArray().Select(a => (a.GetProperty("title").GetString(), a.GetProperty("state").GetString())));
    }
}
