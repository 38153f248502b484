using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// A document after parsing: the text of each page as the viewer will show it, and the
/// blocks (headings, paragraphs, list items, tables, code) the chunker packs into chunks.
/// </summary>
/// <param name="Title">From PDF metadata/first heading, Markdown front matter or first H1, else the file name.</param>
/// <param name="Pages">1-based pages in order. Markdown and plain text have a single page holding the source text.</param>
/// <param name="Blocks">In reading order; each block's offsets point into the text of its page.</param>
public sealed record ParsedDocument(
    string Title,
    DocumentKind Kind,
    IReadOnlyList<ParsedPage> Pages,
    IReadOnlyList<ParsedBlock> Blocks)
{
    /// <summary>Pages that could not be read and are indexed empty, so the rest of the document is still found.</summary>
    public IReadOnlyList<int> UnreadablePages { get; init; } = [];

    /// <summary>"1 page could not be read (p. 32)": what the Documents page and `kp list` show beside Ready; null when all is well.</summary>
    public string? Warning => UnreadablePages.Count switch
    {
        0 => null,
        1 => $"1 page could not be read (p. {UnreadablePages[0]})",
        var n => $"{n} pages could not be read (pp. {PageList(UnreadablePages)})",
    };

    private static string PageList(IReadOnlyList<int> pages) =>
        pages.Count <= 10 ? string.Join(", ", pages) : $"{string.Join(", ", pages.Take(10))} and {pages.Count - 10} more";
}

/// <param name="Number">1-based physical page number (what a citation and the viewer use).</param>
/// <param name="Text">The page text in reading order; block offsets index into it.</param>
public sealed record ParsedPage(int Number, string Text);

/// <summary>One unit of content that is never split unless it alone exceeds the chunk budget.</summary>
/// <param name="Text">Readable, whitespace-normalised text of the block (no Markdown syntax, one paragraph joined from its lines).</param>
/// <param name="PageNumber">The page the block is on (blocks never span pages; a paragraph broken by a page break is two blocks).</param>
/// <param name="Start">Offset of the block's first character in <see cref="ParsedPage.Text"/>.</param>
/// <param name="End">Offset just past the block's last character in <see cref="ParsedPage.Text"/>.</param>
/// <param name="HeadingPath">The headings the block sits under, outermost first (a heading block includes itself).</param>
public sealed record ParsedBlock(
    BlockKind Kind,
    string Text,
    int PageNumber,
    int Start,
    int End,
    IReadOnlyList<string> HeadingPath);

public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    Table,
    Code,
}
