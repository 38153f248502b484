namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>The lines of one PDF page in reading order, before they are joined into paragraphs.</summary>
/// <param name="Number">1-based physical page number.</param>
/// <param name="Height">Page height in points, to measure how far a line is from the top or bottom edge.</param>
internal sealed record PdfPageLines(int Number, double Height, IReadOnlyList<PdfLine> Lines);
