using System.Globalization;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>One PDF page as a PNG, rendered by poppler's <c>pdftoppm</c>: for OCR, and for the viewer's page as printed.</summary>
public static class PdfPageImage
{
    /// <summary>Renders page <paramref name="page"/> of <paramref name="pdfPath"/> to <paramref name="outputStem"/>.png; that path, or null when it failed.</summary>
    public static string? Render(
        OcrOptions tools, string pdfPath, int page, int dpi, bool gray, string outputStem, ILogger logger, CancellationToken cancellationToken)
    {
        var number = page.ToString(CultureInfo.InvariantCulture);
        List<string> arguments = ["-f", number, "-l", number, "-r", dpi.ToString(CultureInfo.InvariantCulture), "-png", "-singlefile"];
        if (gray)
        {
            arguments.Add("-gray");
        }
        arguments.AddRange([pdfPath, outputStem]);
        var output = ExternalTool.Run(tools.PdfToPpmPath, arguments, TimeSpan.FromSeconds(tools.PageTimeoutSeconds), logger, cancellationToken);
        var path = outputStem + ".png";
        return output is not null && File.Exists(path) ? path : null;
    }
}
