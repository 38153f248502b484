using System.Globalization;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Storage;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>
/// PDF pages as they look, rendered on the server by poppler's pdftoppm (the OCR tool set) and kept
/// under the data directory by content hash and page, so a page is rendered once per version.
/// </summary>
public sealed class PageImages(OriginalFileStore originals, DataDirectory dataDirectory, IOptions<OcrOptions> tools, ILogger<PageImages> logger)
{
    /// <summary>Sharp on a laptop screen at the viewer's width, small enough to load fast (a page is 50–200 KB).</summary>
    private const int Dpi = 110;

    private readonly Lazy<bool> available = new(() => ExternalTool.Answers(tools.Value.PdfToPpmPath, "-v", out _));

    /// <summary>Whether pages can be rendered here; without poppler the viewer offers the text alone.</summary>
    public bool IsAvailable => available.Value;

    /// <summary>The image file of page <paramref name="page"/> of the original <paramref name="hash"/>; null when it cannot be rendered.</summary>
    public string? Render(string hash, int page, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory.Root, "page-images", hash, page.ToString(CultureInfo.InvariantCulture) + ".png");
        if (File.Exists(path))
        {
            return path;
        }
        if (!IsAvailable || !originals.Exists(hash))
        {
            return null;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rendered = PdfPageImage.Render(
            tools.Value, originals.PathOf(hash), page, Dpi, gray: false,
            Path.Combine(Path.GetDirectoryName(path)!, Guid.NewGuid().ToString("N")), logger, cancellationToken);
        if (rendered is null)
        {
            return null;
        }
        try
        {
            File.Move(rendered, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(rendered); // rendered by another request at the same time
        }
        return path;
    }
}
