using System.Text.Json;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Ingestion.Cli;

/// <summary>The `kp` command line as people and scripts use it: exit codes, JSON shapes, one-line errors.</summary>
public sealed class KpCommandLineTests : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("kp-cli-").FullName;
    private readonly string inputDir = Directory.CreateTempSubdirectory("kp-cli-input-").FullName;

    public void Dispose()
    {
        Directory.Delete(dataDir, recursive: true);
        Directory.Delete(inputDir, recursive: true);
    }

    private Task<KpProcess.Result> Kp(params string[] arguments) => KpProcess.RunAsync([.. arguments, "--data", dataDir]);

    [Fact]
    public async Task Ingest_then_ask_gives_a_cited_answer_from_the_perksplus_pdf()
    {
        var ingest = await Kp("ingest", Corpus.File("PerksPlus.pdf"), "--json");
        Assert.Equal(0, ingest.ExitCode);
        var files = JsonDocument.Parse(ingest.Output).RootElement.GetProperty("files");
        Assert.Equal("succeeded", files[0].GetProperty("status").GetString());

        var ask = await Kp("ask", "How do I get reimbursed through PerksPlus?", "--json");

        Assert.Equal(0, ask.ExitCode);
        var answer = JsonDocument.Parse(ask.Output).RootElement;
        Assert.False(answer.GetProperty("notFound").GetBoolean());
        var citation = answer.GetProperty("citations")[0];
        Assert.Equal("PerksPlus.pdf", citation.GetProperty("document").GetString());
        Assert.InRange(citation.GetProperty("pageStart").GetInt32(), 1, 4);
        var n = citation.GetProperty("n").GetInt32();
        Assert.Contains($"[{n}]", answer.GetProperty("answer").GetString());
        Assert.False(string.IsNullOrWhiteSpace(citation.GetProperty("quote").GetString()));
    }

    [Fact]
    public async Task Eval_scores_a_golden_set_and_names_the_questions_whose_source_is_not_found()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(inputDir, "gym.md"), "# Fitness\n\nPerksPlus pays back gym memberships and yoga classes up to 1000 dollars a year.", ct);
        await File.WriteAllTextAsync(Path.Combine(inputDir, "parking.md"), "# Parking\n\nEmployees park in garage B; visitors get a ticket at the front desk.", ct);
        Assert.Equal(0, (await Kp("ingest", inputDir)).ExitCode);
        var golden = Path.Combine(inputDir, "golden.jsonl");
        await File.WriteAllLinesAsync(golden,
        [
            """{"id": "yoga", "question": "Are yoga classes paid back?", "citations": [{"file": "gym.md", "page": 1}]}""",
            """{"id": "garage", "question": "Where do employees park?", "citations": [{"file": "parking.md", "page": null}]}""",
            """{"id": "gone", "question": "Who may bring a dog to the office?", "citations": [{"file": "pets.md"}]}""",
            """{"id": "none", "question": "What is the meaning of life?"}""",
        ], ct);

        var json = await Kp("eval", golden, "--json");
        var text = await Kp("eval", golden);

        Assert.Equal(0, json.ExitCode);
        var report = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(3, report.GetProperty("questions").GetInt32()); // the one without citations is not scored
        Assert.Equal(0.6667, report.GetProperty("hitAt5").GetDouble());
        Assert.Equal(0.6667, report.GetProperty("mrrAt10").GetDouble());
        var gone = report.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "gone");
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("firstHitRank").ValueKind);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Hit@1 0.667   Hit@5 0.667   MRR@10 0.667", text.Output);
        Assert.Contains("Not in the top 5 (1)", text.Output);
        Assert.Contains("gone", text.Output);

        await File.AppendAllLinesAsync(golden, ["{\"id\": \"broken\", \"citations\": []}"], ct);
        var bad = await Kp("eval", golden);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("golden.jsonl line 5 has no \"question\"", bad.Error);
    }

    [Fact]
    public async Task Batch_search_writes_one_json_line_per_question_with_the_documented_fields()
    {
        await File.WriteAllTextAsync(Path.Combine(inputDir, "gym.md"), "# Fitness\n\nPerksPlus pays back gym memberships and yoga classes up to 1000 dollars a year.", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Kp("ingest", inputDir)).ExitCode);
        var queries = Path.Combine(inputDir, "queries.jsonl");
        await File.WriteAllLinesAsync(queries, ["{\"id\": \"q1\", \"question\": \"Are yoga classes paid back?\"}", "", "{\"id\": \"q2\", \"question\": \"gym membership\"}"], TestContext.Current.CancellationToken);

        var search = await Kp("search", "--queries", queries, "--top", "3", "--json");

        Assert.Equal(0, search.ExitCode);
        var lines = search.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["q1", "q2"], lines.Select(l => l.GetProperty("id").GetString()));
        var hit = lines[0].GetProperty("hits")[0];
        Assert.Equal("gym.md", hit.GetProperty("document").GetString());
        foreach (var field in new[] { "pageStart", "pageEnd", "heading", "score", "text" })
        {
            Assert.True(hit.TryGetProperty(field, out _), $"hit has no {field}");
        }
    }

    [Fact]
    public async Task A_folder_of_a_thousand_small_files_is_ingested_and_a_bad_file_among_them_fails_alone()
    {
        for (var i = 0; i < 1000; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(inputDir, $"note-{i:0000}.txt"), $"Note {i}: the meeting room {i} has {i % 12 + 2} chairs.", TestContext.Current.CancellationToken);
        }
        await File.WriteAllBytesAsync(Path.Combine(inputDir, "broken.pdf"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], TestContext.Current.CancellationToken);

        var ingest = await Kp("ingest", inputDir, "--json");

        Assert.Equal(1, ingest.ExitCode); // one file failed
        var files = JsonDocument.Parse(ingest.Output).RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(1001, files.Count);
        Assert.Equal(1000, files.Count(f => f.GetProperty("status").GetString() == "succeeded"));
        var broken = Assert.Single(files, f => f.GetProperty("status").GetString() == "failed");
        Assert.EndsWith("broken.pdf", broken.GetProperty("file").GetString());
        Assert.Contains("PNG", broken.GetProperty("message").GetString());

        var stats = JsonDocument.Parse((await Kp("stats", "--json")).Output).RootElement;
        Assert.Equal(1001, stats.GetProperty("documents").GetInt32());
        Assert.Equal(1, stats.GetProperty("failed").GetInt32());
        Assert.Equal(384, stats.GetProperty("dimension").GetInt32());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("search", "--top", "many", "x")]
    [InlineData("ingest")]
    public async Task A_wrong_command_line_gets_one_clear_line_and_exit_code_2(params string[] arguments)
    {
        var result = await Kp(arguments);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("kp: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_unknown_document_says_so_without_a_stack_trace()
    {
        var result = await Kp("delete", "no-such-document.pdf");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no document named", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_and_delete_by_name()
    {
        await File.WriteAllTextAsync(Path.Combine(inputDir, "a.md"), "# A\n\nAlpha document about expense reports.", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Kp("ingest", Path.Combine(inputDir, "a.md"))).ExitCode);

        var list = JsonDocument.Parse((await Kp("list", "--json")).Output).RootElement;
        Assert.Equal("a.md", list[0].GetProperty("name").GetString());
        Assert.Equal("ready", list[0].GetProperty("status").GetString());

        Assert.Equal(0, (await Kp("delete", "a.md")).ExitCode);
        Assert.Equal(0, JsonDocument.Parse((await Kp("list", "--json")).Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_problem_during_ingest_is_one_line_its_detail_appears_only_with_verbose_and_the_list_names_it()
    {
        var file = Path.Combine(inputDir, "broken-page.pdf");
        await File.WriteAllBytesAsync(file, Parsing.TestPdfs.WithUnreadablePages(2, 2), TestContext.Current.CancellationToken);

        var quiet = await Kp("ingest", file);

        var warning = Assert.Single(quiet.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("warning: broken-page.pdf p. 2: could not be read", warning);
        Assert.DoesNotContain("   at ", quiet.Output + quiet.Error, StringComparison.Ordinal);

        // The readable page is indexed; the list says what is missing.
        var listed = JsonDocument.Parse((await Kp("list", "--json")).Output).RootElement[0];
        Assert.Equal("ready", listed.GetProperty("status").GetString());
        Assert.Equal("1 page could not be read (p. 2)", listed.GetProperty("warning").GetString());
        Assert.Contains("broken-page.pdf, 1 page could not be read (p. 2)", (await Kp("list")).Output, StringComparison.Ordinal);

        Assert.Equal(0, (await Kp("delete", "broken-page.pdf")).ExitCode);
        var verbose = await Kp("ingest", file, "--verbose");
        Assert.Contains("broken-page.pdf p. 2: could not be read", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("   at UglyToad.PdfPig", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_and_ingest_tables_fit_80_columns_without_breaking_a_file_name()
    {
        const string longName = "Northwind_Health_Plus_Benefits_Details_2026_final_version_approved.md";
        await File.WriteAllTextAsync(Path.Combine(inputDir, longName), "# Plan\n\nThe plan covers dental care.", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(inputDir, "short.md"), "# Short\n\nA short note.", TestContext.Current.CancellationToken);

        var ingest = await Kp("ingest", inputDir);
        var list = await Kp("list");

        foreach (var output in new[] { ingest.Output, list.Output })
        {
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
            // The long name is shortened in the middle on one line, never cut across lines.
            var row = Assert.Single(lines, l => l.Contains("Northwind_", StringComparison.Ordinal));
            Assert.Contains("…", row, StringComparison.Ordinal);
            Assert.Contains("approved.md", row, StringComparison.Ordinal);
            Assert.Contains(lines, l => l.Contains("short.md", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_query_longer_than_the_api_accepts_is_refused_with_the_same_message()
    {
        var query = string.Join(' ', Enumerable.Repeat("benefits", 4000));

        var search = await Kp("search", query);
        var ask = await Kp("ask", query);

        Assert.Equal(2, search.ExitCode);
        Assert.Contains($"The query is {query.Length} characters long; at most 2000 are accepted.", search.Error, StringComparison.Ordinal);
        Assert.Equal(2, ask.ExitCode);
        Assert.Contains($"The question is {query.Length} characters long; at most 2000 are accepted.", ask.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_as_long_as_linux_allows_does_not_abort_the_model_load()
    {
        // ONNX Runtime's set-up scans the process's command line recursively; 33,000 characters overflowed a thread-pool stack.
        await File.WriteAllTextAsync(Path.Combine(inputDir, "gym.md"), "# Fitness\n\nPerksPlus pays back gym memberships.", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Kp("ingest", inputDir)).ExitCode);
        var groups = string.Join(',', Enumerable.Range(0, 12_000).Select(i => $"g{i:00000}"));

        var search = await Kp("search", "gym membership", "--mode", "vector", "--groups", groups);

        Assert.True(search.ExitCode == 0, search.Error);
        Assert.Contains("gym.md", search.Output, StringComparison.Ordinal);
    }
}
