namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>The messages a person sees when a document cannot be ingested, kept in one place so they stay consistent.</summary>
internal static class ParseMessages
{
    public const string Empty = "The file is empty.";

    public const string NotPdf = "The file is not a PDF: it does not start with a PDF header.";

    public const string PdfDamaged = "The PDF is damaged or truncated and cannot be read.";

    public const string PdfPasswordProtected = "The PDF is password-protected; remove the password and upload it again.";

    public const string PdfNoPages = "The PDF has no pages.";

    public const string PdfNoText = "The PDF has no extractable text: its pages hold neither text nor scanned images.";

    public const string PdfScanned = "The PDF has no extractable text: its pages are scanned images.";

    public const string PdfOcrFoundNothing = "The PDF has no extractable text, and OCR found no words in its scanned images.";

    public const string Supported = "only PDF, Word (.docx), PowerPoint (.pptx), web page (.html), Markdown and plain-text files can be ingested.";

    public const string OfficePasswordProtected = "The Office file is password-protected; remove the password and upload it again.";
}
