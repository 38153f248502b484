using System.Runtime.InteropServices;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Reads a text-based PDF into pages (as the viewer shows them) and blocks with heading paths,
/// using PdfPig's layout analysis for reading order.
/// </summary>
/// <remarks>
/// Every failure reaches the caller as a <see cref="DocumentParseException"/> whose message tells the
/// person what to do; PdfPig's own exceptions describe parser internals and never escape.
/// </remarks>
public sealed class PdfDocumentParser(ILogger<PdfDocumentParser>? logger = null, IOptions<OcrOptions>? ocrOptions = null) : IDocumentParser
{
    private static readonly byte[] PdfHeader = "%PDF-"u8.ToArray();
    private static readonly byte[] EncryptKey = "/Encrypt"u8.ToArray();

    /// <summary>A page with fewer letters than this over an image is a scan (perhaps with a stamped page number).</summary>
    private const int ScannedPageMaxLetters = 20;

    private readonly ILogger logger = logger ?? NullLogger<PdfDocumentParser>.Instance;
    private readonly PdfOcr ocr = new(ocrOptions?.Value ?? new OcrOptions(), (ILogger?)logger ?? NullLogger.Instance);

    public DocumentKind Kind => DocumentKind.Pdf;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        cancellationToken.ThrowIfCancellationRequested();
        var span = content.Span;
        if (span.Trim(" \t\r\n\f\0"u8).IsEmpty)
        {
            throw new DocumentParseException(ParseMessages.Empty);
        }
        if (span[..Math.Min(span.Length, 1024)].IndexOf(PdfHeader) < 0)
        {
            throw new DocumentParseException(ParseMessages.NotPdf);
        }

        using var document = Open(content);
        int pageCount;
        try
        {
            pageCount = document.NumberOfPages;
        }
        catch (Exception ex)
        {
            throw Damaged(fileName, ex);
        }
        if (pageCount == 0)
        {
            throw new DocumentParseException(ParseMessages.PdfNoPages);
        }

        var pages = new List<PdfPageLines>(pageCount);
        var unreadable = new List<int>();
        var scanned = new List<int>();
        Exception? firstFailure = null;
        for (var number = 1; number <= pageCount; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var page = document.GetPage(number);
                var lines = PdfPageReader.Read(page);
                if (lines.Lines.Sum(l => l.Text.Length) < ScannedPageMaxLetters && HasImages(page))
                {
                    scanned.Add(number);
                }
                pages.Add(lines);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad page costs that page, not the document: it is indexed empty and named in the warning.
                this.logger.LogWarning(ex, "{FileName} p. {Page}: could not be read", fileName, number);
                firstFailure ??= ex;
                unreadable.Add(number);
                pages.Add(new PdfPageLines(number, 0, []));
            }
        }
        var ocrMissing = scanned.Count > 0 ? ocr.UnavailableReason : null;
        if (scanned.Count > 0)
        {
            ReadScannedPages(content, scanned, ocrMissing, pages, unreadable, fileName, cancellationToken);
        }
        if (pages.All(p => p.Lines.Count == 0))
        {
            throw unreadable.Count == pageCount && scanned.Count == 0
                ? new DocumentParseException($"{ParseMessages.PdfDamaged} (No page could be read.)", firstFailure)
                : new DocumentParseException(NoTextMessage(scanned.Count > 0, ocrMissing), firstFailure);
        }

        var filtered = PdfRunningTextFilter.Apply(pages);
        var dropped = pages.Sum(p => p.Lines.Count) - filtered.Sum(p => p.Lines.Count);
        if (dropped > 0)
        {
            this.logger.LogDebug("Dropped {Count} running header, footer and page-number lines from {FileName}", dropped, fileName);
        }

        var layout = PdfBlockBuilder.Build(filtered);
        var title = DocumentTitles.Meaningful(SafeInfoTitle(document), fileName)
            ?? layout.HeadingTitle
            ?? DocumentTitles.FromFileName(fileName);
        return new ParsedDocument(title, DocumentKind.Pdf, layout.Pages, layout.Blocks) { UnreadablePages = unreadable };
    }

    /// <summary>
    /// Pages without a text layer go through OCR; a page OCR cannot read, or every scanned page when
    /// OCR is not installed, is left empty and named in the document's warning.
    /// </summary>
    private void ReadScannedPages(
        ReadOnlyMemory<byte> content, List<int> scanned, string? ocrMissing, List<PdfPageLines> pages, List<int> unreadable,
        string fileName, CancellationToken cancellationToken)
    {
        if (ocrMissing is not null)
        {
            this.logger.LogWarning("{FileName}: {Count} scanned pages not read: {Reason}", fileName, scanned.Count, ocrMissing);
            unreadable.AddRange(scanned);
            unreadable.Sort();
            return;
        }
        var path = Path.Combine(Path.GetTempPath(), $"kp-ocr-{Guid.NewGuid():N}.pdf");
        try
        {
            File.WriteAllBytes(path, content.ToArray());
            foreach (var number in scanned)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = ocr.Read(path, number, pages[number - 1].Height, cancellationToken);
                if (read is null)
                {
                    unreadable.Add(number);
                }
                else
                {
                    pages[number - 1] = read;
                }
            }
            unreadable.Sort();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string NoTextMessage(bool scanned, string? ocrMissing) => (scanned, ocrMissing) switch
    {
        (false, _) => ParseMessages.PdfNoText,
        (true, null) => ParseMessages.PdfOcrFoundNothing,
        (true, var missing) => $"{ParseMessages.PdfScanned} {missing}",
    };

    private static bool HasImages(UglyToad.PdfPig.Content.Page page)
    {
        try
        {
            return page.GetImages().Any();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An image PdfPig cannot decode is still an image; OCR renders the page with poppler, not PdfPig.
            return true;
        }
    }

    private static PdfDocument Open(ReadOnlyMemory<byte> content)
    {
        var bytes = MemoryMarshal.TryGetArray(content, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : content.ToArray();
        try
        {
            // An empty user password is tried by default, so PDFs that are merely "protected"
            // against editing open like any other.
            return PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentParseException(ParseMessages.PdfPasswordProtected, ex);
        }
        catch (Exception ex)
        {
            // Security handlers PdfPig does not implement fail with other exceptions; the person
            // can do the same thing about them as about a password.
            if (bytes.AsSpan().IndexOf(EncryptKey) >= 0)
            {
                throw new DocumentParseException(ParseMessages.PdfPasswordProtected, ex);
            }
            throw new DocumentParseException(ParseMessages.PdfDamaged, ex);
        }
    }

    private DocumentParseException Damaged(string fileName, Exception ex)
    {
        this.logger.LogWarning(ex, "{FileName}: could not be read as a PDF", fileName);
        return new DocumentParseException(ParseMessages.PdfDamaged, ex);
    }

    private static string? SafeInfoTitle(PdfDocument document)
    {
        try
        {
            return document.Information?.Title;
        }
        catch (Exception)
        {
            // A broken Info dictionary costs the metadata title, not the document.
            return null;
        }
    }
}
