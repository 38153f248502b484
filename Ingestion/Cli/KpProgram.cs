using System.CommandLine;
using KnowledgePortal.Ingestion.Cli.Commands;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Ingestion.Cli;

/// <summary>
/// `kp`: ingest, search, ask and administer a knowledge base from the command line. Exit codes:
/// 0 success, 1 the work failed (a document, a missing id), 2 the command line was wrong.
/// </summary>
public static class KpProgram
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("kp: the KnowledgePortal command line. Works on the same data directory as the portal.");
        root.Options.Add(KpOptions.Data);
        root.Options.Add(KpOptions.Verbose);
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(DeleteCommand.Create());
        root.Subcommands.Add(ReindexCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(ArticlesCommand.Create());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"kp: {parsed.Errors[0].Message} (see kp --help)");
            return UsageError;
        }
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // finish the current step cleanly; queued work resumes next time
            cancellation.Cancel();
        };
        try
        {
            // Our handler below turns every failure into one line; System.CommandLine's would print a stack trace.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation.Token);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"kp: {e.Message} (see kp --help)");
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("kp: cancelled; unfinished documents resume on the next run.");
            return Failure;
        }
        catch (Exception e)
        {
            // Every failure is one readable line; --verbose adds the details a developer needs.
            await Console.Error.WriteLineAsync($"kp: {Message(e)}");
            if (parsed.GetValue(KpOptions.Verbose))
            {
                await Console.Error.WriteLineAsync(e.ToString());
            }
            return Failure;
        }
    }

    private static string Message(Exception e) => e switch
    {
        KnowledgePortal.Shared.Identity.AccountAdministrationException account => account.Message,
        OptionsValidationException options => "invalid configuration: " + string.Join("; ", options.Failures),
        Microsoft.Data.Sqlite.SqliteException sqlite => $"the database cannot be used: {sqlite.Message}",
        _ => e.Message,
    };
}
