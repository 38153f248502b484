using System.CommandLine;
using System.Globalization;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Evaluation;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>
/// `kp eval QUESTIONS.jsonl [--top 10] [--mode hybrid|vector|keyword] [--groups ...] [--json]`: how well
/// the index finds the sources of a golden set, so a change of model or settings is judged before it is kept.
/// </summary>
internal static class EvalCommand
{
    private static readonly Argument<FileInfo> Questions = new("questions") { Description = "JSON lines {\"id\", \"question\", \"citations\": [{\"file\", \"page\"}]} (page may be null: any page of the file)" };

    private static readonly Option<int> Top = new("--top", "-k") { Description = "Passages retrieved per question", DefaultValueFactory = _ => GoldenSetEvaluator.DefaultTop };

    public static Command Create()
    {
        var command = new Command("eval", "Score retrieval against a golden set: Hit@1, Hit@5, MRR@10, and the questions it misses");
        command.Arguments.Add(Questions);
        command.Options.Add(Top);
        command.Options.Add(RetrievalModeOption.Mode);
        command.Options.Add(CallerOptions.Groups);
        command.Options.Add(KpOptions.Json);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var file = result.GetValue(Questions)!;
        var top = result.GetValue(Top);
        var mode = result.GetValue(RetrievalModeOption.Mode);
        if (top is < 1 or > 100)
        {
            throw new UsageException("--top must be between 1 and 100");
        }
        if (!file.Exists)
        {
            throw new UsageException($"no such file: {file.FullName}");
        }
        IReadOnlyList<GoldenQuestion> questions;
        try
        {
            questions = await GoldenSet.LoadAsync(file.FullName, cancellationToken);
        }
        catch (GoldenSetFormatException e)
        {
            throw new UsageException(e.Message);
        }

        using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        await CallerOptions.WarnIfModelChangedAsync(host.Services, cancellationToken);
        var filter = await CallerOptions.FilterAsync(result, host.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>(), cancellationToken);
        var evaluator = host.Services.GetRequiredService<GoldenSetEvaluator>();
        var model = host.Services.GetRequiredService<IEmbeddingModel>().ModelId;
        var json = result.GetValue(KpOptions.Json);

        EvaluationReport report;
        if (json || Console.IsErrorRedirected)
        {
            report = await evaluator.EvaluateAsync(questions, filter, mode, top, progress: null, cancellationToken);
        }
        else
        {
            report = await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask("questions", maxValue: questions.Count);
                return await evaluator.EvaluateAsync(questions, filter, mode, top, new Progress<int>(done => task.Value = done), cancellationToken);
            });
        }

        if (json)
        {
            CliJson.WriteLine(new
            {
                file = file.Name,
                mode = mode.ToString().ToLowerInvariant(),
                top,
                model,
                questions = report.Questions,
                hitAt1 = Round(report.HitAt(1)),
                hitAt5 = Round(report.HitAt(5)),
                mrrAt10 = Round(report.MrrAt(10)),
                singleFile = new { questions = report.SingleFileQuestions, hitAt5 = Round(report.SingleFileHitAt(5)) },
                multiFile = new { questions = report.MultiFileQuestions, coverage = Round(report.MultiFileCoverage) },
                outcomes = report.Outcomes.Select(o => new
                {
                    id = o.Question.Id,
                    firstHitRank = o.FirstHitRank,
                    rankedFirst = o.RankedFirst?.ToString(),
                    fileCoverage = o.FileCoverage is { } c ? Round(c) : (double?)null,
                }),
            });
            return KpProgram.Success;
        }

        WriteSummary(file.Name, mode, top, model, report, questions.Count);
        WriteMisses(report);
        return KpProgram.Success;
    }

    private static void WriteSummary(string file, RetrievalMode mode, int top, string model, EvaluationReport report, int read)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{file}: {report.Questions} questions with sources ({read - report.Questions} without), {mode.ToString().ToLowerInvariant()} search, top {top}, {model}"));
        Console.WriteLine(string.Create(c, $"Hit@1 {report.HitAt(1):0.000}   Hit@5 {report.HitAt(5):0.000}   MRR@10 {report.MrrAt(10):0.000}"));
        if (report.MultiFileQuestions > 0)
        {
            Console.WriteLine(string.Create(c,
                $"one-file questions ({report.SingleFileQuestions}): Hit@5 {report.SingleFileHitAt(5):0.000}   several-file questions ({report.MultiFileQuestions}): files found in the top {top} {report.MultiFileCoverage:0.000}"));
        }
    }

    private static void WriteMisses(EvaluationReport report)
    {
        var misses = report.MissesAt(5);
        if (misses.Count == 0)
        {
            Console.WriteLine("Every question has a source in its top 5.");
            return;
        }
        Console.WriteLine();
        Console.WriteLine($"Not in the top 5 ({misses.Count}):");
        // Lines, not a table: file names and questions are both long, and each deserves the full width.
        foreach (var miss in misses)
        {
            var found = miss.FirstHitRank is { } rank ? $"found at {rank}" : "not found";
            Console.WriteLine($"{miss.Question.Id}  {found}; ranked first: {miss.RankedFirst?.ToString() ?? "nothing"}");
            Console.WriteLine($"    {miss.Question.Question}");
        }
    }

    private static double Round(double value) => Math.Round(value, 4);
}
