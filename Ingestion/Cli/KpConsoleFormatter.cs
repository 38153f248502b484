using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Ingestion.Cli;

/// <summary>
/// How `kp` logs to the console: each problem is one line a person reads between the progress bar and the
/// summary ("warning: report.pdf p. 32: could not be read"). Exceptions, categories and event ids are for
/// developers and appear only with --verbose.
/// </summary>
internal sealed class KpConsoleFormatter(IOptionsMonitor<KpConsoleFormatterOptions> options) : ConsoleFormatter(Name)
{
    public new const string Name = "kp";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }
        var verbose = options.CurrentValue.Verbose;
        textWriter.Write(Label(logEntry.LogLevel));
        textWriter.Write(": ");
        if (verbose)
        {
            textWriter.Write('[');
            textWriter.Write(logEntry.Category);
            textWriter.Write("] ");
        }
        textWriter.WriteLine(OneLine(message ?? logEntry.Exception!.Message));
        if (verbose && logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

/// <summary>Options of <see cref="KpConsoleFormatter"/>.</summary>
internal sealed class KpConsoleFormatterOptions : ConsoleFormatterOptions
{
    public bool Verbose { get; set; }
}
