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
            var image = PdfPageImage.Render(options, pdfPath, number, options.Dpi, gray: true, Path.Combine(folder.FullName, "page"), logger, cancellationToken);
            if (image is null)
            {
                logger.LogWarning("p. {Page}: could not be rendered for OCR", number);
                return null;
            }
            var tsv = ExternalTool.Run(
                options.TesseractPath, [image, "stdout", "-l", options.Languages, "tsv"], TimeSpan.FromSeconds(options.PageTimeoutSeconds), logger, cancellationToken);
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

    private static string? CheckTools(OcrOptions options)
    {
        var missing = new List<string>();
        if (!ExternalTool.Answers(options.PdfToPpmPath, "-v", out _))
        {
            missing.Add("pdftoppm (Debian package poppler-utils)");
        }
        if (!ExternalTool.Answers(options.TesseractPath, "--list-langs", out var languages))
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
}
