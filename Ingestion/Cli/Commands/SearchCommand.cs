using System.CommandLine;
using System.Text.Json;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>
/// `kp search "QUERY" [--top K] [--json]`, or in batch `kp search --queries FILE --top K --json`
/// (JSON lines {"id","question"} in, one {"id","hits"} line out per input).
/// </summary>
internal static class SearchCommand
{
    private static readonly Argument<string?> Query = new("query") { Description = "What to search for", Arity = ArgumentArity.ZeroOrOne };

    private static readonly Option<int> Top = new("--top", "-k") { Description = "Number of passages", DefaultValueFactory = _ => 5 };

    private static readonly Option<FileInfo?> Queries = new("--queries") { Description = "JSON-lines file of {\"id\", \"question\"} to search in batch" };

    public static Command Create()
    {
        var command = new Command("search", "Find the passages that match a query");
        command.Arguments.Add(Query);
        command.Options.Add(Top);
        command.Options.Add(Queries);
        command.Options.Add(RetrievalModeOption.Mode);
        command.Options.Add(CallerOptions.Groups);
        command.Options.Add(KpOptions.Json);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var query = result.GetValue(Query);
        var queries = result.GetValue(Queries);
        var top = result.GetValue(Top);
        if ((query is null) == (queries is null))
        {
            throw new UsageException("give either a query or --queries FILE");
        }
        if (top is < 1 or > 1000)
        {
            throw new UsageException("--top must be between 1 and 1000");
        }
        if (query is not null && QueryLength.Problem("query", query) is { } tooLong)
        {
            throw new UsageException(tooLong);
        }
        if (queries is { Exists: false })
        {
            throw new UsageException($"no such file: {queries.FullName}");
        }
        using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        await CallerOptions.WarnIfModelChangedAsync(host.Services, cancellationToken);
        var retriever = host.Services.GetRequiredService<HybridRetriever>();
        var filter = await CallerOptions.FilterAsync(result, host.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>(), cancellationToken);
        var mode = result.GetValue(RetrievalModeOption.Mode);

        if (queries is not null)
        {
            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(queries.FullName, cancellationToken))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                var input = ParseQueryLine(line, queries.Name, lineNumber);
                var passages = await retriever.RetrieveAsync(new RetrievalRequest(input.Question, filter, top, mode), cancellationToken);
                CliJson.WriteLine(new { id = input.Id, hits = passages.Select(ToHit) });
            }
            return KpProgram.Success;
        }

        var hits = await retriever.RetrieveAsync(new RetrievalRequest(query!, filter, top, mode), cancellationToken);
        if (result.GetValue(KpOptions.Json))
        {
            CliJson.WriteLine(new { query, hits = hits.Select(ToHit) });
            return KpProgram.Success;
        }
        if (hits.Count == 0)
        {
            Console.WriteLine("No matching passages.");
            return KpProgram.Success;
        }
        var rank = 0;
        foreach (var hit in hits)
        {
            rank++;
            var pages = hit.PageStart == hit.PageEnd ? $"p. {hit.PageStart}" : $"pp. {hit.PageStart}-{hit.PageEnd}";
            AnsiConsole.MarkupLine($"[bold]{rank}. {Markup.Escape(hit.DocumentName)}[/] {pages}  [grey]{Markup.Escape(hit.HeadingPath ?? string.Empty)}[/]  [grey](score {hit.Score:0.0000})[/]");
            var text = Shared.Text.TextNormalizer.CollapseWhitespace(hit.Text);
            AnsiConsole.WriteLine("   " + (text.Length > 300 ? text[..300] + "…" : text));
        }
        return KpProgram.Success;
    }

    private static object ToHit(Passage p) => new
    {
        document = p.DocumentName,
        pageStart = p.PageStart,
        pageEnd = p.PageEnd,
        heading = p.HeadingPath,
        score = Math.Round(p.Score, 6),
        text = p.Text,
    };

    private static (string Id, string Question) ParseQueryLine(string line, string file, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = root.TryGetProperty("id", out var idElement) ? idElement.ToString() : lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var question = root.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
            if (question is not null && QueryLength.Problem("question", question) is { } tooLong)
            {
                throw new UsageException($"{file} line {lineNumber}: {tooLong}");
            }
            return string.IsNullOrWhiteSpace(question)
                ? throw new UsageException($"{file} line {lineNumber}: no \"question\"")
                : (id, question);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{file} line {lineNumber}: not JSON ({e.Message})");
        }
    }
}
