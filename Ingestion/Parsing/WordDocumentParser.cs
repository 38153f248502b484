using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Reads a .docx into Markdown pages: headings by their style or outline level, lists, tables, and
/// pages where the file has them (where Word last laid the pages out, else at explicit page breaks).
/// </summary>
public sealed class WordDocumentParser : IDocumentParser
{
    private const string What = "Word document";

    public DocumentKind Kind => DocumentKind.Word;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        cancellationToken.ThrowIfCancellationRequested();
        return OfficePackage.Read(content, What, (stream, settings) => WordprocessingDocument.Open(stream, false, settings), package =>
        {
            var main = package.MainDocumentPart;
            var body = main?.Document?.Body ?? throw new DocumentParseException($"The {What} has no body; it is damaged or not a document.");
            var pages = new Writer(main!, body, cancellationToken).Write();
            return MarkdownDocumentParser.FromConvertedPages(DocumentKind.Word, pages, package.PackageProperties.Title, fileName, What, cancellationToken);
        });
    }

    private sealed class Writer(MainDocumentPart main, Body body, CancellationToken cancellationToken)
    {
        private readonly MarkdownWriter markdown = new();
        private readonly StyleLevels styles = new(main.StyleDefinitionsPart?.Styles);
        private readonly ListFormats lists = new(main.NumberingDefinitionsPart?.Numbering);

        /// <summary>
        /// Word marks where it last broke pages; files written by other tools have only explicit breaks.
        /// Both are not counted, since Word marks the page after an explicit break as well.
        /// </summary>
        private readonly bool renderedBreaks = body.Descendants<LastRenderedPageBreak>().Any();

        public IReadOnlyList<string> Write()
        {
            var pending = new Stack<OpenXmlElement>();
            PushChildren(pending, body);
            var visited = 0;
            while (pending.Count > 0)
            {
                if (++visited % 256 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var element = pending.Pop();
                switch (element)
                {
                    case Paragraph paragraph:
                        WriteParagraph(paragraph);
                        break;
                    case Table table:
                        WriteTable(table);
                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        // Content controls and custom XML wrap ordinary paragraphs and tables.
                        PushChildren(pending, element);
                        break;
                }
            }
            return markdown.Finish();
        }

        private static void PushChildren(Stack<OpenXmlElement> pending, OpenXmlElement parent)
        {
            var children = parent.ChildElements;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }

        private void WriteParagraph(Paragraph paragraph)
        {
            var properties = paragraph.ParagraphProperties;
            if (!renderedBreaks && properties?.PageBreakBefore is { } before && (before.Val?.Value ?? true))
            {
                markdown.BreakPage();
            }
            var text = new System.Text.StringBuilder();
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case Text t:
                        text.Append(t.Text);
                        break;
                    case TabChar or CarriageReturn:
                        text.Append(' ');
                        break;
                    case Break br when !renderedBreaks && br.Type?.Value == BreakValues.Page:
                    case LastRenderedPageBreak when renderedBreaks:
                        Emit(paragraph, text.ToString());
                        text.Clear();
                        markdown.BreakPage();
                        break;
                    case Break:
                        text.Append(' ');
                        break;
                }
            }
            Emit(paragraph, text.ToString());
            if (!renderedBreaks && properties?.SectionProperties?.GetFirstChild<SectionType>()?.Val?.Value is { } type
                && type != SectionMarkValues.Continuous)
            {
                markdown.BreakPage();
            }
        }

        private void Emit(Paragraph paragraph, string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }
            var properties = paragraph.ParagraphProperties;
            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            var level = properties?.OutlineLevel?.Val?.Value is int outline and < 9 ? outline + 1 : styles.HeadingLevel(styleId);
            if (level is { } heading)
            {
                markdown.Heading(heading, text);
                return;
            }
            var numbering = properties?.NumberingProperties ?? styles.Numbering(styleId);
            if (numbering?.NumberingId?.Val?.Value is int numberingId and not 0)
            {
                var depth = numbering.NumberingLevelReference?.Val?.Value ?? 0;
                markdown.ListItem(text, depth, lists.IsOrdered(numberingId, depth));
                return;
            }
            markdown.Paragraph(text);
        }

        private void WriteTable(Table table)
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (var row in table.Elements<TableRow>())
            {
                // A cell's paragraphs (and any table nested in it) read as one line.
                rows.Add(row.Elements<TableCell>()
                    .Select(cell => string.Join(' ', cell.Descendants<Paragraph>().Select(ParagraphText)))
                    .ToList());
            }
            markdown.Table(rows);
        }

        private static string ParagraphText(Paragraph paragraph) =>
            string.Concat(paragraph.Descendants().Select(e => e switch
            {
                Text t => t.Text,
                TabChar or Break or CarriageReturn => " ",
                _ => string.Empty,
            }));
    }

    /// <summary>Heading levels of paragraph styles: "heading 1".."heading 9", Title, or an outline level, through "based on".</summary>
    private sealed class StyleLevels
    {
        private readonly Dictionary<string, Style> byId = new(StringComparer.Ordinal);

        public StyleLevels(Styles? styles)
        {
            foreach (var style in styles?.Elements<Style>() ?? [])
            {
                if (style.StyleId?.Value is { } id)
                {
                    byId.TryAdd(id, style);
                }
            }
        }

        public int? HeadingLevel(string? styleId)
        {
            // "Based on" chains are short; the bound stops a loop in a damaged file.
            for (var hops = 0; styleId is not null && hops < 10 && byId.TryGetValue(styleId, out var style); hops++)
            {
                var name = style.StyleName?.Val?.Value?.Trim().ToLowerInvariant();
                if (name is "title")
                {
                    return 1;
                }
                if (name is not null && name.StartsWith("heading ", StringComparison.Ordinal)
                    && int.TryParse(name.AsSpan("heading ".Length), out var level) && level is >= 1 and <= 9)
                {
                    return level;
                }
                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int outline and < 9)
                {
                    return outline + 1;
                }
                styleId = style.BasedOn?.Val?.Value;
            }
            return null;
        }

        public NumberingProperties? Numbering(string? styleId)
        {
            for (var hops = 0; styleId is not null && hops < 10 && byId.TryGetValue(styleId, out var style); hops++)
            {
                if (style.StyleParagraphProperties?.NumberingProperties is { } numbering)
                {
                    return numbering;
                }
                styleId = style.BasedOn?.Val?.Value;
            }
            return null;
        }
    }

    /// <summary>Whether a list level counts (1., a., i.) or shows bullets.</summary>
    private sealed class ListFormats(Numbering? numbering)
    {
        private readonly Dictionary<int, int> abstractByInstance = (numbering?.Elements<NumberingInstance>() ?? [])
            .Where(n => n.NumberID?.Value is not null && n.AbstractNumId?.Val?.Value is not null)
            .GroupBy(n => n.NumberID!.Value)
            .ToDictionary(g => g.Key, g => g.First().AbstractNumId!.Val!.Value);

        private readonly Dictionary<int, AbstractNum> abstracts = (numbering?.Elements<AbstractNum>() ?? [])
            .Where(a => a.AbstractNumberId?.Value is not null)
            .GroupBy(a => a.AbstractNumberId!.Value)
            .ToDictionary(g => g.Key, g => g.First());

        public bool IsOrdered(int numberingId, int depth)
        {
            if (!abstractByInstance.TryGetValue(numberingId, out var abstractId) || !abstracts.TryGetValue(abstractId, out var definition))
            {
                return false;
            }
            var level = definition.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == depth);
            var format = level?.NumberingFormat?.Val?.Value;
            return format is not null && format != NumberFormatValues.Bullet && format != NumberFormatValues.None;
        }
    }
}
