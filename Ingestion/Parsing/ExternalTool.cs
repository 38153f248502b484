using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>Runs the command-line tools OCR and page images use (tesseract, pdftoppm): in time, or not at all.</summary>
public static class ExternalTool
{
    /// <summary>Standard output of <paramref name="tool"/> when it exited with 0 within <paramref name="timeout"/>; null otherwise.</summary>
    public static string? Run(string tool, IEnumerable<string> arguments, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Tesseract's own threads fight the ingestion workers for the same cores and make it slower.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            logger.LogWarning("{Tool} did not finish within {Seconds} s", Path.GetFileName(tool), timeout.TotalSeconds);
            return null;
        }
        if (process.ExitCode != 0)
        {
            logger.LogWarning("{Tool} exited with {Code}: {Error}", Path.GetFileName(tool), process.ExitCode, error.GetAwaiter().GetResult().Trim());
            return null;
        }
        return output.GetAwaiter().GetResult();
    }

    /// <summary>Whether the tool runs here; <paramref name="output"/> is what it printed (both streams).</summary>
    public static bool Answers(string tool, string argument, out string output)
    {
        output = string.Empty;
        try
        {
            var start = new ProcessStartInfo(tool, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed: the file does not exist or cannot be run.
            return false;
        }
    }
}
