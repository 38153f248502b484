using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Reading scanned PDF pages with Tesseract (configuration section <c>KnowledgePortal:Ocr</c>). The
/// tools come from Debian's <c>tesseract-ocr</c> (plus a <c>tesseract-ocr-LANG</c> package per
/// language) and <c>poppler-utils</c>; without them a scanned PDF fails with a message naming them.
/// </summary>
public sealed class OcrOptions
{
    public const string Section = "KnowledgePortal:Ocr";

    public bool Enabled { get; set; } = true;

    /// <summary>Tesseract language codes joined by '+', e.g. "eng+deu"; each needs its tesseract-ocr-LANG package.</summary>
    [RegularExpression("^[a-z_]{3,8}(\\+[a-z_]{3,8})*$")]
    public string Languages { get; set; } = "eng";

    /// <summary>Resolution pages are rendered at for OCR; Tesseract reads best around 300.</summary>
    [Range(100, 600)]
    public int Dpi { get; set; } = 300;

    /// <summary>A page taking longer than this is left unread (and named in the document's warning).</summary>
    [Range(5, 3600)]
    public int PageTimeoutSeconds { get; set; } = 120;

    public string TesseractPath { get; set; } = "tesseract";

    public string PdfToPpmPath { get; set; } = "pdftoppm";
}
