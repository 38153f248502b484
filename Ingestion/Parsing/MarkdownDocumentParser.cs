using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Reads Markdown into one page holding the source and blocks of readable text (no Markdown
/// syntax) whose offsets are the source spans, with heading paths by heading level.
/// </summary>
/// <remarks>
/// The tree is walked with explicit stacks, never recursion: an uploaded file with thousands of
/// nested quotes or lists must not take the worker down with a stack overflow.
/// </remarks>
public sealed partial class MarkdownDocumentParser : IDocumentParser
{
    /// <summary>Rows per table block: small enough to stay within a chunk, large enough to keep context.</summary>
    internal const int TableRowsPerBlock = 20;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    public DocumentKind Kind => DocumentKind.Markdown;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        cancellationToken.ThrowIfCancellationRequested();
        var text = TextDecoding.DecodeText(content.Span);
        var document = TryParseMarkdown(text);
        if (document is null)
        {
            // Nesting no editor produces (Markdig stops at 128 levels, and gets slow on the way
            // there): the words are still worth finding, so the file is read as plain text.
            var blocks = PlainTextDocumentParser.ParagraphBlocks(text);
            return new ParsedDocument(PlainTextDocumentParser.Title(text, fileName), DocumentKind.Markdown, [new ParsedPage(1, text)], blocks);
        }
        cancellationToken.ThrowIfCancellationRequested();

        var walker = new Walker(cancellationToken);
        walker.Walk(document, text, pageNumber: 1);
        if (walker.Blocks.Count == 0)
        {
            // Only front matter, comments or link definitions: nothing a person could search for.
            throw new DocumentParseException(ParseMessages.Empty);
        }
        var title = walker.FrontMatterTitle ?? walker.FirstH1 ?? DocumentTitles.FromFileName(fileName);
        return new ParsedDocument(title, DocumentKind.Markdown, [new ParsedPage(1, text)], walker.Blocks);
    }

    /// <summary>
    /// A Word file, slide deck or web page from the Markdown pages a <see cref="MarkdownWriter"/> wrote
    /// for it: the heading path carries from page to page, as it does in the original.
    /// </summary>
    /// <param name="metadataTitle">The title the file's properties give, used when it says something.</param>
    /// <param name="what">"Word document", "web page": how the failure message names the file.</param>
    internal static ParsedDocument FromConvertedPages(
        DocumentKind kind, IReadOnlyList<string> pages, string? metadataTitle, string fileName, string what, CancellationToken cancellationToken)
    {
        var walker = new Walker(cancellationToken);
        for (var i = 0; i < pages.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = TryParseMarkdown(pages[i]);
            if (document is null)
            {
                walker.AddPlainText(pages[i], pageNumber: i + 1);
                continue;
            }
            walker.Walk(document, pages[i], pageNumber: i + 1);
        }
        if (walker.Blocks.Count == 0)
        {
            throw new DocumentParseException($"The {what} has no text to index (it may hold only pictures).");
        }
        var title = DocumentTitles.Meaningful(metadataTitle, fileName) ?? walker.FirstH1 ?? DocumentTitles.FromFileName(fileName);
        return new ParsedDocument(title, kind, pages.Select((text, i) => new ParsedPage(i + 1, text)).ToList(), walker.Blocks);
    }

    private static MarkdownDocument? TryParseMarkdown(string text)
    {
        if (MarkdownNesting.IsTooDeep(text))
        {
            return null;
        }
        try
        {
            return Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's "too deeply nested" guard.
            return null;
        }
    }

    /// <summary>The <c>title:</c> of simple <c>key: value</c> front matter, unquoted.</summary>
    internal static string? FrontMatterTitle(string frontMatter)
    {
        foreach (var rawLine in frontMatter.Split('\n'))
        {
            var line = rawLine.Trim();
            if (!line.StartsWith("title:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var value = line["title:".Length..].Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            {
                var quote = value[0];
                value = quote == '\''
                    ? value[1..^1].Replace("''", "'", StringComparison.Ordinal)
                    : value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
            }
            // Block scalars ("title: >-") continue on the next lines; not worth a YAML parser.
            if (value is "|" or ">" or "|-" or ">-")
            {
                return null;
            }
            value = TextNormalizer.CollapseWhitespace(value);
            return value.Length > 0 ? value : null;
        }
        return null;
    }

    /// <summary>The readable text of raw HTML: scripts, styles and comments dropped, tags removed, entities decoded.</summary>
    internal static string HtmlToText(string html)
    {
        var withoutCode = ScriptOrStyle().Replace(html, " ");
        var withoutComments = HtmlComment().Replace(withoutCode, " ");
        var withoutTags = HtmlTag().Replace(withoutComments, " ");
        return TextNormalizer.CollapseWhitespace(WebUtility.HtmlDecode(withoutTags));
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<!--.*?(-->|$)", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"</?[A-Za-z!?][^>]*>?")]
    private static partial Regex HtmlTag();

    private sealed class Walker(CancellationToken cancellationToken)
    {
        private readonly List<(int Level, string Text)> path = [];
        private IReadOnlyList<string> currentPath = [];
        private string source = string.Empty;
        private int pageNumber = 1;

        public List<ParsedBlock> Blocks { get; } = [];

        public string? FrontMatterTitle { get; private set; }

        public string? FirstH1 { get; private set; }

        public void Walk(MarkdownDocument document, string source, int pageNumber)
        {
            this.source = source;
            this.pageNumber = pageNumber;
            var pending = new Stack<Block>();
            PushChildren(pending, document);
            var visited = 0;
            while (pending.Count > 0)
            {
                if (++visited % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var block = pending.Pop();
                switch (block)
                {
                    case YamlFrontMatterBlock frontMatter:
                        FrontMatterTitle ??= MarkdownDocumentParser.FrontMatterTitle(frontMatter.Lines.ToString());
                        break;
                    case HeadingBlock heading:
                        AddHeading(heading);
                        break;
                    case Table table:
                        AddTable(table);
                        break;
                    case ListItemBlock item:
                        AddListItem(item, pending);
                        break;
                    case FencedCodeBlock or CodeBlock:
                        Add(BlockKind.Code, ((LeafBlock)block).Lines.ToString(), block.Span);
                        break;
                    case HtmlBlock html:
                        Add(BlockKind.Paragraph, HtmlToText(html.Lines.ToString()), html.Span);
                        break;
                    case ThematicBreakBlock or LinkReferenceDefinitionGroup or LinkReferenceDefinition or BlankLineBlock:
                        break;
                    case LeafBlock leaf:
                        Add(BlockKind.Paragraph, leaf.Inline is null ? leaf.Lines.ToString() : InlineText(leaf.Inline), leaf.Span);
                        break;
                    case ContainerBlock container:
                        // Quotes, lists and extension containers carry no text of their own.
                        PushChildren(pending, container);
                        break;
                }
            }
        }

        private static void PushChildren(Stack<Block> pending, ContainerBlock container, int skip = 0)
        {
            for (var i = container.Count - 1; i >= skip; i--)
            {
                pending.Push(container[i]);
            }
        }

        private void AddHeading(HeadingBlock heading)
        {
            var text = TextNormalizer.CollapseWhitespace(heading.Inline is null ? string.Empty : InlineText(heading.Inline));
            if (text.Length == 0)
            {
                return;
            }
            if (heading.Level == 1)
            {
                FirstH1 ??= text;
            }
            while (path.Count > 0 && path[^1].Level >= heading.Level)
            {
                path.RemoveAt(path.Count - 1);
            }
            path.Add((heading.Level, text));
            currentPath = path.Select(p => p.Text).ToArray();
            Add(BlockKind.Heading, text, heading.Span);
        }

        /// <summary>
        /// An item's own paragraphs become one block led by its marker ("- ", "3. "); nested lists and
        /// anything after them follow as blocks of their own, so no two blocks cover the same source.
        /// </summary>
        private void AddListItem(ListItemBlock item, Stack<Block> pending)
        {
            var marker = item.Parent is ListBlock { IsOrdered: true } list
                ? $"{(item.Order != 0 ? item.Order : 1)}{list.OrderedDelimiter}"
                : "-";
            var text = new StringBuilder(marker);
            var end = -1;
            var taken = 0;
            while (taken < item.Count && item[taken] is ParagraphBlock paragraph)
            {
                text.Append(' ').Append(paragraph.Inline is null ? paragraph.Lines.ToString() : InlineText(paragraph.Inline));
                end = paragraph.Span.End;
                taken++;
            }
            if (taken > 0)
            {
                Add(BlockKind.ListItem, text.ToString(), new SourceSpan(item.Span.Start, end));
            }
            PushChildren(pending, item, taken);
        }

        private void AddTable(Table table)
        {
            var rows = new List<(string Text, SourceSpan Span)>();
            string? header = null;
            foreach (var rowBlock in table)
            {
                if (rowBlock is not TableRow row)
                {
                    continue;
                }
                var cells = row.OfType<TableCell>()
                    .Select(cell => TextNormalizer.CollapseWhitespace(string.Join(' ', cell.OfType<LeafBlock>()
                        .Select(leaf => leaf.Inline is null ? leaf.Lines.ToString() : InlineText(leaf.Inline)))));
                var rowText = string.Join(" | ", cells);
                if (row.IsHeader && header is null)
                {
                    header = rowText;
                    continue;
                }
                rows.Add((rowText, row.Span));
            }

            if (rows.Count == 0)
            {
                if (header is not null)
                {
                    Add(BlockKind.Table, header, table.Span);
                }
                return;
            }
            // Large tables go in groups of rows, each led by the header so a group read alone
            // still says what its columns are.
            for (var first = 0; first < rows.Count; first += TableRowsPerBlock)
            {
                var group = rows.Skip(first).Take(TableRowsPerBlock).ToList();
                var lines = header is null ? group.Select(r => r.Text) : group.Select(r => r.Text).Prepend(header);
                var start = first == 0 ? table.Span.Start : group[0].Span.Start;
                var end = first + TableRowsPerBlock >= rows.Count ? table.Span.End : group[^1].Span.End;
                Add(BlockKind.Table, string.Join("; ", lines), new SourceSpan(start, end));
            }
        }

        private void Add(BlockKind kind, string text, SourceSpan span)
        {
            var normalized = TextNormalizer.CollapseWhitespace(text);
            if (normalized.Length == 0)
            {
                return;
            }
            // Markdig's spans are inclusive; ours end just past the last character.
            var start = Math.Clamp(span.Start, 0, source.Length);
            var end = Math.Clamp(span.End + 1, start, source.Length);
            while (end > start && char.IsWhiteSpace(source[end - 1]))
            {
                end--;
            }
            Blocks.Add(new ParsedBlock(kind, normalized, pageNumber, start, end, currentPath));
        }

        /// <summary>A page too deeply nested to parse as Markdown, read as paragraphs under the current headings.</summary>
        public void AddPlainText(string text, int pageNumber)
        {
            foreach (var block in PlainTextDocumentParser.ParagraphBlocks(text))
            {
                Blocks.Add(block with { PageNumber = pageNumber, HeadingPath = currentPath });
            }
        }

        private static string InlineText(ContainerInline root)
        {
            var text = new StringBuilder();
            var pending = new Stack<Inline>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case LiteralInline literal:
                        text.Append(literal.Content.AsSpan());
                        break;
                    case CodeInline code:
                        text.Append(code.Content);
                        break;
                    case LineBreakInline:
                        text.Append(' ');
                        break;
                    case HtmlEntityInline entity:
                        text.Append(entity.Transcoded.AsSpan());
                        break;
                    case AutolinkInline autolink:
                        text.Append(autolink.Url);
                        break;
                    case TaskList task:
                        text.Append(task.Checked ? "[x] " : "[ ] ");
                        break;
                    case HtmlInline:
                        // A tag; the text between tags arrives as literals.
                        break;
                    case ContainerInline container:
                        // Links show their text and images their alt text: both are the children.
                        var children = new List<Inline>();
                        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                        {
                            children.Add(child);
                        }
                        for (var i = children.Count - 1; i >= 0; i--)
                        {
                            pending.Push(children[i]);
                        }
                        break;
                }
            }
            return text.ToString();
        }
    }
}
