using System.CommandLine;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Jobs;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp ingest PATH... [--audience G1,G2]`: adds files and folders, shows progress, prints a summary.</summary>
internal static class IngestCommand
{
    /// <summary>Extensions picked up when walking a folder; files named explicitly are always tried.</summary>
    private static readonly HashSet<string> FolderExtensions = new(DocumentTypeDetector.SupportedExtensions, StringComparer.OrdinalIgnoreCase);

    /// <summary>Above this many files the summary lists only the problems.</summary>
    private const int FullSummaryLimit = 50;

    private static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Files or folders (folders are walked recursively for PDF, Word, PowerPoint, HTML, Markdown and text files)",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string[]> Audience = new("--audience")
    {
        Description = "Groups that may read the documents, comma-separated (default: everyone)",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create()
    {
        var command = new Command("ingest", "Add or update documents: parse, chunk, embed and index them");
        command.Arguments.Add(Paths);
        command.Options.Add(Audience);
        command.Options.Add(KpOptions.Json);
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var files = ExpandPaths(result.GetValue(Paths) ?? []);
        var audience = result.GetValue(Audience) is { Length: > 0 } groups ? groups : null;
        var json = result.GetValue(KpOptions.Json);
        using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        var services = host.Services;
        var intake = services.GetRequiredService<DocumentIntake>();
        var worker = services.GetRequiredService<IngestionWorker>();
        var contextFactory = services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();

        var submitted = new List<(string Path, IntakeResult Result)>();
        foreach (var file in files)
        {
            submitted.Add((file, await intake.SubmitFileAsync(file, audience, cancellationToken)));
        }
        var jobIds = submitted.Where(s => s.Result.JobId is not null).Select(s => s.Result.JobId!.Value).ToList();

        var started = DateTimeOffset.UtcNow;
        var interactive = !json && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        if (interactive && jobIds.Count > 0)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var documents = progress.AddTask($"Documents (0/{jobIds.Count})", maxValue: jobIds.Count);
                    var chunks = progress.AddTask("Chunks embedded", maxValue: 1);
                    var work = worker.RunUntilIdleAsync(cancellationToken);
                    while (true)
                    {
                        var snapshot = await JobSnapshotAsync(contextFactory, jobIds, cancellationToken);
                        var finished = snapshot.Count(j => j.Status is JobStatus.Succeeded or JobStatus.Failed);
                        documents.Value = finished;
                        documents.Description = $"Documents ({finished}/{jobIds.Count})";
                        chunks.MaxValue = Math.Max(1, snapshot.Sum(j => j.ChunksTotal));
                        chunks.Value = snapshot.Sum(j => j.ChunksDone);
                        if (work.IsCompleted && finished == jobIds.Count)
                        {
                            break;
                        }
                        if (work.IsCompleted && work.IsFaulted)
                        {
                            await work;
                        }
                        await Task.Delay(200, cancellationToken);
                    }
                    await work;
                });
        }
        else
        {
            await worker.RunUntilIdleAsync(cancellationToken);
            await WaitForJobsAsync(contextFactory, jobIds, cancellationToken);
        }

        var outcomes = await OutcomesAsync(contextFactory, submitted, cancellationToken);
        var elapsed = DateTimeOffset.UtcNow - started;
        if (json)
        {
            CliJson.WriteLine(new { files = outcomes, seconds = Math.Round(elapsed.TotalSeconds, 2) });
        }
        else
        {
            PrintSummary(outcomes, elapsed);
            if (result.GetValue(KpOptions.Verbose))
            {
                foreach (var (step, time) in services.GetRequiredService<IngestionMetrics>().StepTotals().OrderBy(s => s.Key))
                {
                    Console.Error.WriteLine($"  {step,-10} {time.TotalSeconds,8:0.00} s (summed over parallel jobs)");
                }
            }
        }
        return outcomes.All(o => o.Status is "succeeded" or "unchanged") ? KpProgram.Success : KpProgram.Failure;
    }

    /// <summary>Files named on the command line, and the supported files inside named folders, in a stable order.</summary>
    internal static List<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
                files.AddRange(Directory.EnumerateFiles(path, "*", options)
                    .Where(f => FolderExtensions.Contains(Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UsageException($"no such file or folder: {path}");
            }
        }
        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<IngestionJob>> JobSnapshotAsync(IDbContextFactory<KnowledgeDbContext> contextFactory, List<long> jobIds, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>Waits for jobs another worker (the portal's) may have claimed.</summary>
    private static async Task WaitForJobsAsync(IDbContextFactory<KnowledgeDbContext> contextFactory, List<long> jobIds, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await JobSnapshotAsync(contextFactory, jobIds, cancellationToken);
            if (snapshot.All(j => j.Status is JobStatus.Succeeded or JobStatus.Failed))
            {
                return;
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<List<FileOutcome>> OutcomesAsync(
        IDbContextFactory<KnowledgeDbContext> contextFactory, List<(string Path, IntakeResult Result)> submitted, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var jobIds = submitted.Where(s => s.Result.JobId is not null).Select(s => s.Result.JobId!.Value).ToList();
        var jobs = await context.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, cancellationToken);
        var documentIds = submitted.Where(s => s.Result.DocumentId is not null).Select(s => s.Result.DocumentId!.Value).ToList();
        var documents = await context.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        return submitted.Select(s =>
        {
            var document = s.Result.DocumentId is { } id ? documents.GetValueOrDefault(id) : null;
            var job = s.Result.JobId is { } jobId ? jobs.GetValueOrDefault(jobId) : null;
            var status = s.Result.Outcome switch
            {
                IntakeOutcome.Rejected => "failed",
                IntakeOutcome.Unchanged => "unchanged",
                _ => job?.Status == JobStatus.Succeeded ? "succeeded" : "failed", // queued, or in progress from an earlier run
            };
            var message = s.Result.Message ?? job?.Error ?? (job is null && s.Result.JobId is not null ? "The document was deleted while it was processed." : null);
            return new FileOutcome(s.Path, document?.Id, status, document?.Kind?.ToString().ToLowerInvariant(), document?.PageCount ?? 0, document?.ChunkCount ?? 0, message);
        }).ToList();
    }

    private static void PrintSummary(List<FileOutcome> outcomes, TimeSpan elapsed)
    {
        var shown = outcomes.Count <= FullSummaryLimit ? outcomes : outcomes.Where(o => o.Status == "failed").ToList();
        if (shown.Count > 0)
        {
            var table = new ConsoleTable()
                .NameColumn("File").Column("Status").Column("Pages", rightAligned: true).Column("Chunks", rightAligned: true);
            foreach (var outcome in shown)
            {
                var status = outcome.Status switch
                {
                    "succeeded" => "[green]succeeded[/]",
                    "unchanged" => "[grey]unchanged[/]",
                    _ => "[red]failed[/]",
                };
                table.Row(
                    Path.GetFileName(outcome.File), status,
                    outcome.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    outcome.Chunks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            table.Write();
            foreach (var outcome in shown.Where(o => !string.IsNullOrEmpty(o.Message)))
            {
                AnsiConsole.MarkupLine($"{(outcome.Status == "failed" ? "[red]failed[/]" : "note")} {Markup.Escape(Path.GetFileName(outcome.File))}: {Markup.Escape(outcome.Message!)}");
            }
        }
        var succeeded = outcomes.Count(o => o.Status == "succeeded");
        var unchanged = outcomes.Count(o => o.Status == "unchanged");
        var failed = outcomes.Count(o => o.Status == "failed");
        AnsiConsole.MarkupLine(
            $"{outcomes.Count} file(s): [green]{succeeded} ingested[/], {unchanged} unchanged, " +
            (failed > 0 ? $"[red]{failed} failed[/]" : "0 failed") + $" in {elapsed.TotalSeconds:0.0} s");
    }

    internal sealed record FileOutcome(string File, Guid? DocumentId, string Status, string? Kind, int Pages, int Chunks, string? Message);
}
