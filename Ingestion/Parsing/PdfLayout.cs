namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>The pages and blocks laid out from a PDF's lines.</summary>
/// <param name="HeadingTitle">The first heading (with its subtitle on a cover), when the PDF shows headings.</param>
internal sealed record PdfLayout(IReadOnlyList<ParsedPage> Pages, IReadOnlyList<ParsedBlock> Blocks, string? HeadingTitle);
