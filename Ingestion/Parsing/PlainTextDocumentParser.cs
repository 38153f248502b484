using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>Reads a plain-text file as one page whose paragraphs are separated by blank lines.</summary>
public sealed class PlainTextDocumentParser : IDocumentParser
{
    /// <summary>A first line longer than this is prose, not a title.</summary>
    private const int MaxTitleLength = 120;

    public DocumentKind Kind => DocumentKind.Text;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        cancellationToken.ThrowIfCancellationRequested();
        var text = TextDecoding.DecodeText(content.Span);
        return new ParsedDocument(Title(text, fileName), DocumentKind.Text, [new ParsedPage(1, text)], ParagraphBlocks(text));
    }

    /// <summary>One paragraph block per run of non-blank lines, offsets into <paramref name="text"/>.</summary>
    internal static List<ParsedBlock> ParagraphBlocks(string text)
    {
        var blocks = new List<ParsedBlock>();
        foreach (var (start, end) in Paragraphs(text))
        {
            var paragraph = TextNormalizer.CollapseWhitespace(text[start..end]);
            if (paragraph.Length > 0)
            {
                blocks.Add(new ParsedBlock(BlockKind.Paragraph, paragraph, 1, start, end, []));
            }
        }
        return blocks;
    }

    /// <summary>Spans from the first to the last non-blank character of each run of non-blank lines.</summary>
    internal static IEnumerable<(int Start, int End)> Paragraphs(string text)
    {
        var start = -1;
        var end = -1;
        var position = 0;
        while (position <= text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var lineEnd = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(position, lineEnd - position);
            var trimmed = line.Trim();
            if (trimmed.IsEmpty)
            {
                if (start >= 0)
                {
                    yield return (start, end);
                    start = -1;
                }
            }
            else
            {
                var leading = line.Length - line.TrimStart().Length;
                var trailing = line.Length - line.TrimEnd().Length;
                if (start < 0)
                {
                    start = position + leading;
                }
                end = lineEnd - trailing;
            }
            if (newline < 0)
            {
                break;
            }
            position = newline + 1;
        }
        if (start >= 0)
        {
            yield return (start, end);
        }
    }

    internal static string Title(string text, string fileName)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }
            var candidate = TextNormalizer.CollapseWhitespace(line.ToString());
            return candidate.Length < MaxTitleLength ? candidate : DocumentTitles.FromFileName(fileName);
        }
        return DocumentTitles.FromFileName(fileName);
    }
}
