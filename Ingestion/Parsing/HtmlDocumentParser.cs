using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Reads a saved web page: its main content only (no navigation, banners, scripts or styles),
/// written as Markdown with its headings, lists, tables and code, on one page.
/// </summary>
/// <remarks>
/// The page is parsed with scripting off and walked with explicit stacks, never recursion. A page
/// nested deeper than any real one is read as plain text instead: the HTML parser's time grows with
/// the square of the depth (100,000 nested elements took three minutes).
/// </remarks>
public sealed class HtmlDocumentParser : IDocumentParser
{
    private const string What = "web page";

    /// <summary>Never content: code, styling, controls, embedded media, and the site's own furniture.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "head", "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select",
        "input", "textarea", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "map", "dialog", "menu",
    };

    private static readonly HashSet<string> SkippedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "dialog", "alert",
    };

    /// <summary>Elements that sit inside a line of text rather than starting a block of their own.</summary>
    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del", "ins", "label", "big", "tt",
    };

    /// <summary>Real pages nest a few dozen levels; this is where parsing them as a tree stops paying.</summary>
    internal const int MaxNesting = 1_000;

    /// <summary>Elements that never hold others, or whose end the parser implies: they add no depth.</summary>
    private static readonly HashSet<string> Flat = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
        "html", "head", "body",
    };

    public DocumentKind Kind => DocumentKind.Html;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        cancellationToken.ThrowIfCancellationRequested();
        if (NestingExceeds(content.Span, MaxNesting))
        {
            var text = new MarkdownWriter();
            text.Paragraph(MarkdownDocumentParser.HtmlToText(TextDecoding.DecodeText(content.Span)));
            return MarkdownDocumentParser.FromConvertedPages(DocumentKind.Html, text.Finish(), null, fileName, What, cancellationToken);
        }
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        // The stream, not a decoded string, so the page's own <meta charset> is honoured.
        using var document = parser.ParseDocument(stream);
        cancellationToken.ThrowIfCancellationRequested();

        var root = MainContent(document);
        var markdown = new MarkdownWriter();
        if (root is not null)
        {
            new Walker(markdown, root, cancellationToken).Walk();
        }
        return MarkdownDocumentParser.FromConvertedPages(DocumentKind.Html, markdown.Finish(), document.Title, fileName, What, cancellationToken);
    }

    /// <summary>
    /// Whether elements nest deeper than <paramref name="limit"/>, by a scan of the tags (ASCII, as
    /// tag names are): start tags open, end tags close back to their match, script and style bodies
    /// and comments are skipped.
    /// </summary>
    internal static bool NestingExceeds(ReadOnlySpan<byte> html, int limit)
    {
        var open = new List<string>();
        var i = 0;
        while (true)
        {
            var next = html[i..].IndexOf((byte)'<');
            if (next < 0 || i + next + 1 >= html.Length)
            {
                return false;
            }
            i += next + 1;
            if (html[i..].StartsWith("!--"u8))
            {
                var end = html[i..].IndexOf("-->"u8);
                if (end < 0)
                {
                    return false;
                }
                i += end + 3;
                continue;
            }
            var closing = html[i] == (byte)'/';
            var nameStart = closing ? i + 1 : i;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit((char)html[nameEnd]) || html[nameEnd] == (byte)'-'))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !char.IsAsciiLetter((char)html[nameStart]))
            {
                continue;
            }
            var name = System.Text.Encoding.ASCII.GetString(html[nameStart..nameEnd]).ToLowerInvariant();
            var close = html[nameEnd..].IndexOf((byte)'>');
            if (close < 0)
            {
                return false;
            }
            var selfClosing = close > 0 && html[nameEnd + close - 1] == (byte)'/';
            i = nameEnd + close + 1;
            if (closing)
            {
                var match = open.LastIndexOf(name);
                if (match >= 0)
                {
                    open.RemoveRange(match, open.Count - match);
                }
            }
            else if (name is "script" or "style")
            {
                var end = html[i..].IndexOf(name == "script" ? "</script"u8 : "</style"u8);
                if (end < 0)
                {
                    return false;
                }
                i += end;
            }
            else if (!selfClosing && !Flat.Contains(name))
            {
                open.Add(name);
                if (open.Count > limit)
                {
                    return true;
                }
            }
        }
    }

    /// <summary>The page's &lt;main&gt;, its one article, or else its body.</summary>
    private static IElement? MainContent(IHtmlDocument document)
    {
        var main = document.QuerySelector("main") ?? document.QuerySelector("[role=main]");
        if (main is not null)
        {
            return main;
        }
        var articles = document.QuerySelectorAll("article");
        return articles.Length == 1 ? articles[0] : document.Body;
    }

    private static bool IsSkipped(IElement element, IElement root)
    {
        if (Skipped.Contains(element.LocalName) || element.HasAttribute("hidden")
            || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
            || (element.GetAttribute("role") is { } role && SkippedRoles.Contains(role)))
        {
            return true;
        }
        // A header inside the content is the article's own (its title); elsewhere it is the site banner.
        return element.LocalName == "header" && root.LocalName == "body" && !HasAncestor(element, root, "article", "main", "section");
    }

    private static bool HasAncestor(IElement element, IElement root, params string[] names)
    {
        for (var parent = element.ParentElement; parent is not null && parent != root; parent = parent.ParentElement)
        {
            if (names.Contains(parent.LocalName))
            {
                return true;
            }
        }
        return false;
    }

    private sealed class Walker(MarkdownWriter markdown, IElement root, CancellationToken cancellationToken)
    {
        /// <summary>Text of the paragraph being gathered from loose text and inline elements.</summary>
        private readonly StringBuilder line = new();

        /// <summary>A null on the stack ends the paragraph gathered so far (a block element closes).</summary>
        private readonly Stack<INode?> pending = new();

        public void Walk()
        {
            PushChildren(root);
            var visited = 0;
            while (pending.Count > 0)
            {
                if (++visited % 1024 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var node = pending.Pop();
                if (node is null)
                {
                    Flush();
                }
                else if (node is IText text)
                {
                    line.Append(text.Data);
                }
                else if (node is IElement element && !IsSkipped(element, root))
                {
                    Visit(element);
                }
            }
            Flush();
        }

        private void Visit(IElement element)
        {
            var name = element.LocalName;
            if (name == "br")
            {
                line.Append(' ');
                return;
            }
            if (Inline.Contains(name))
            {
                PushChildren(element);
                return;
            }
            Flush();
            switch (name)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    markdown.Heading(name[1] - '0', InlineText(element));
                    break;
                case "p" or "dt" or "dd" or "figcaption" or "summary" or "caption" or "address":
                    markdown.Paragraph(InlineText(element));
                    break;
                case "pre":
                    markdown.Code(RawText(element));
                    break;
                case "li":
                    VisitListItem(element);
                    break;
                case "table" when element is IHtmlTableElement table && !IsLayoutTable(table):
                    markdown.Table(table.Rows.Select(row => (IReadOnlyList<string>)row.Cells.Select(InlineText).ToList()).ToList());
                    break;
                case "img" or "hr":
                    break;
                default:
                    // A container (div, section, article, a layout table...): its children, then a paragraph end.
                    pending.Push(null);
                    PushChildren(element);
                    break;
            }
        }

        /// <summary>An item's own text, then its nested lists as items one level deeper.</summary>
        private void VisitListItem(IElement item)
        {
            var own = new StringBuilder();
            var nested = new List<IElement>();
            foreach (var child in item.ChildNodes)
            {
                if (child is IElement { LocalName: "ul" or "ol" or "table" or "pre" } block)
                {
                    nested.Add(block);
                }
                else if (child is IElement element)
                {
                    if (!IsSkipped(element, root))
                    {
                        own.Append(' ').Append(InlineText(element));
                    }
                }
                else if (child is IText text)
                {
                    own.Append(text.Data);
                }
            }
            var depth = -1;
            for (var parent = item.ParentElement; parent is not null && parent != root; parent = parent.ParentElement)
            {
                if (parent.LocalName is "ul" or "ol")
                {
                    depth++;
                }
            }
            markdown.ListItem(own.ToString(), Math.Max(depth, 0), item.ParentElement?.LocalName == "ol");
            pending.Push(null);
            for (var i = nested.Count - 1; i >= 0; i--)
            {
                pending.Push(nested[i]);
            }
        }

        private void PushChildren(INode node)
        {
            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }

        private void Flush()
        {
            if (line.Length > 0)
            {
                markdown.Paragraph(line.ToString());
                line.Clear();
            }
        }

        /// <summary>A table used to lay out the page, not to hold data: its cells hold headings, lists or tables.</summary>
        private static bool IsLayoutTable(IHtmlTableElement table) =>
            table.QuerySelector("table, h1, h2, h3, h4, h5, h6, ul, ol, pre, article, section") is not null;

        /// <summary>The visible words of an element on one line: block boundaries and line breaks become spaces.</summary>
        private string InlineText(IElement element) =>
            Text(element, e => e == element || !IsSkipped(e, root), e => e.LocalName == "br" || !Inline.Contains(e.LocalName) ? " " : null);

        /// <summary>Preformatted text as it is, line breaks kept.</summary>
        private static string RawText(IElement element) => Text(element, _ => true, e => e.LocalName == "br" ? "\n" : null);

        /// <summary>
        /// The text nodes under <paramref name="root"/> in document order, walked with a stack; an element
        /// <paramref name="enter"/> refuses is left out with everything in it, and <paramref name="before"/>
        /// says what to write where an element starts.
        /// </summary>
        private static string Text(IElement root, Func<IElement, bool> enter, Func<IElement, string?> before)
        {
            var text = new StringBuilder();
            var stack = new Stack<INode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node is IText t)
                {
                    text.Append(t.Data);
                    continue;
                }
                if (node is not IElement e || !enter(e))
                {
                    continue;
                }
                text.Append(before(e));
                var children = e.ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
            return text.ToString();
        }
    }
}
