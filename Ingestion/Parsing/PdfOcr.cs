using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Reads pages that have no text layer: each is rendered to a grey image by <c>pdftoppm</c> and read
/// by <c>tesseract</c>, whose words come back with their boxes and become lines with positions in PDF
/// points, so the rest of the PDF reader (running headers, paragraphs, headings) treats them like any page.
/// </summary>
internal sealed class PdfOcr(OcrOptions options, ILogger logger)
{
    private readonly Lazy<string?> unavailable = new(() => CheckTools(options));

    /// <summary>Why OCR cannot run here, in words for the person whose PDF needs it; null when it can.</summary>
    public string? UnavailableReason => options.Enabled ? unavailable.Value : "OCR is turned off (KnowledgePortal:Ocr:Enabled).";

    /// <summary>Reads one page; null when it could not be read in time or the tools failed on it.</summary>
    public PdfPageLines? Read(string pdfPath, int number, double pageHeight, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("kp-ocr-");
        try
        {
            var image = Path.Combine(folder.FullName, "page");
            var rendered = Run(options.PdfToPpmPath,
                ["-f", Str(number), "-l", Str(number), "-r", Str(options.Dpi), "-gray", "-png", "-singlefile", pdfPath, image], cancellationToken);
            if (rendered is null || !File.Exists(image + ".png"))
            {
                logger.LogWarning("p. {Page}: could not be rendered for OCR", number);
                return null;
            }
            var tsv = Run(options.TesseractPath, [image + ".png", "stdout", "-l", options.Languages, "tsv"], cancellationToken);
            if (tsv is null)
            {
                logger.LogWarning("p. {Page}: OCR did not finish", number);
                return null;
            }
            return new PdfPageLines(number, pageHeight, PdfPageReader.MarkListItems(TesseractTsv.Lines(tsv, pageHeight)));
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not worth failing a document for.
            }
        }
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Standard output of a tool that exited with 0 in time; null otherwise.</summary>
    private string? Run(string tool, string[] arguments, CancellationToken cancellationToken)
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.PageTimeoutSeconds));
        try
        {
            process.WaitForExitAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
        if (process.ExitCode != 0)
        {
            logger.LogWarning("{Tool} exited with {Code}: {Error}", Path.GetFileName(tool), process.ExitCode, error.GetAwaiter().GetResult().Trim());
            return null;
        }
        return output.GetAwaiter().GetResult();
    }

    private static string? CheckTools(OcrOptions options)
    {
        var missing = new List<string>();
        if (!Answers(options.PdfToPpmPath, "-v", out _))
        {
            missing.Add("pdftoppm (Debian package poppler-utils)");
        }
        if (!Answers(options.TesseractPath, "--list-langs", out var languages))
        {
            missing.Add("tesseract (Debian package tesseract-ocr)");
        }
        else
        {
            var installed = languages.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            missing.AddRange(options.Languages.Split('+')
                .Where(l => !installed.Contains(l))
                .Select(l => $"the OCR language {l} (Debian package tesseract-ocr-{l})"));
        }
        return missing.Count == 0 ? null : $"OCR needs {string.Join(" and ", missing)}, which this server lacks.";
    }

    private static bool Answers(string tool, string argument, out string output)
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
