using KnowledgePortal.Shared.Text;
using System.Text;
using System.Text.Encodings.Web;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgePortal.Shared.Rendering;

/// <summary>
/// Turns Markdown written by anyone into HTML the portal can put on its own pages: raw HTML is shown
/// as text, links and images keep only http, https, mailto and relative addresses, links get
/// rel="noopener noreferrer". Optionally marks the blocks of a cited source range so a viewer can
/// highlight them and scroll to them.
/// </summary>
public static class SafeMarkdownRenderer
{
    /// <summary>Class of every block inside the highlighted range.</summary>
    public const string HighlightClass = "kp-highlight";

    /// <summary>Id of the first highlighted block, the one to scroll to.</summary>
    public const string CitedId = "kp-cited";

    private const string LinkRel = "noopener noreferrer";

    /// <summary>
    /// The extensions that only add structure. Left out on purpose: generic attributes (they write
    /// any attribute, onclick included), media links (iframes), custom containers (arbitrary classes
    /// that could dress text up as portal UI), auto identifiers (ids that could shadow the portal's
    /// own elements), mathematics (turns "$5 and $6" into math) and diagrams (need a script).
    /// </summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseYamlFrontMatter()
        .UseAlertBlocks()
        .UseAbbreviations()
        .UseCitations()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseFigures()
        .UseFooters()
        .UseFootnotes()
        .UseGridTables()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    /// <summary>Renders <paramref name="markdown"/> without a highlight.</summary>
    public static RenderedMarkdown Render(string markdown) => Render(markdown, highlight: null);

    /// <summary>
    /// Renders <paramref name="markdown"/>, marking with <see cref="HighlightClass"/> each block whose
    /// source overlaps <paramref name="highlight"/> (offsets into <paramref name="markdown"/>).
    /// </summary>
    public static RenderedMarkdown Render(string markdown, TextRange? highlight)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = TryParse(markdown);
        if (document is null)
        {
            return RenderAsText(markdown, highlight);
        }
        RemoveUnsafeLinks(document);
        var marked = highlight is { IsEmpty: false } range ? MarkHighlightedBlocks(document, range) : 0;

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<ParagraphRenderer>(new HighlightableParagraphRenderer());
        renderer.ObjectRenderers.Find<LinkInlineRenderer>()!.Rel = LinkRel;
        renderer.ObjectRenderers.Find<AutolinkInlineRenderer>()!.Rel = LinkRel;
        // The highlight class goes on <pre>, the element that shows the block.
        renderer.ObjectRenderers.Find<CodeBlockRenderer>()!.OutputAttributesOnPre = true;
        // Second line of defence: any URL that reaches the writer unchecked is emptied.
        renderer.LinkRewriter = url => SafeUrls.IsAllowed(url) ? url : string.Empty;
        renderer.Render(document);
        writer.Flush();
        return new RenderedMarkdown(writer.ToString(), marked);
    }

    private static MarkdownDocument? TryParse(string markdown)
    {
        if (MarkdownNesting.IsTooDeep(markdown))
        {
            return null;
        }
        try
        {
            return Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            return null; // Markdig's "too deeply nested" guard
        }
    }

    /// <summary>
    /// A link or image to a refused address is replaced by its text (an image by its alt text): the
    /// reader keeps the words, the page gets no javascript: or data: URL.
    /// </summary>
    private static void RemoveUnsafeLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            if (SafeUrls.IsAllowed(url))
            {
                continue;
            }
            var child = link.FirstChild;
            while (child is not null)
            {
                var next = child.NextSibling;
                child.Remove();
                link.InsertBefore(child);
                child = next;
            }
            link.Remove();
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
            if (!SafeUrls.IsAllowed(url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    /// <summary>
    /// Marks the smallest blocks that show text: paragraphs, headings, code blocks, and table rows
    /// (a table is split into row groups when chunked, so rows are the unit there). Containers such as
    /// quotes and lists are descended into, never marked, so no highlight is nested in another.
    /// </summary>
    private static int MarkHighlightedBlocks(MarkdownDocument document, TextRange range)
    {
        var marked = 0;
        var pending = new Stack<Block>();
        PushChildren(pending, document);
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (!Overlaps(block, range))
            {
                continue;
            }
            switch (block)
            {
                case YamlFrontMatterBlock or LinkReferenceDefinitionGroup or LinkReferenceDefinition or BlankLineBlock or ThematicBreakBlock:
                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>().Where(row => Overlaps(row, range)))
                    {
                        Mark(row, ref marked);
                    }
                    break;
                case LeafBlock leaf:
                    Mark(leaf, ref marked);
                    break;
                case ContainerBlock container:
                    PushChildren(pending, container);
                    break;
            }
        }
        return marked;
    }

    private static void PushChildren(Stack<Block> pending, ContainerBlock container)
    {
        for (var i = container.Count - 1; i >= 0; i--)
        {
            pending.Push(container[i]);
        }
    }

    /// <summary>Markdig's spans are inclusive of their last character; a range is not.</summary>
    private static bool Overlaps(Block block, TextRange range) =>
        block.Span.Start >= 0 && !block.Span.IsEmpty && range.Overlaps(block.Span.Start, block.Span.End + 1);

    private static void Mark(Block block, ref int marked)
    {
        var attributes = block.GetAttributes();
        attributes.AddClass(HighlightClass);
        if (marked == 0)
        {
            attributes.Id = CitedId;
        }
        marked++;
    }

    private static RenderedMarkdown RenderAsText(string markdown, TextRange? highlight)
    {
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder("<div class=\"page-text\">");
        if (highlight is { IsEmpty: false } range && range.Start < markdown.Length)
        {
            var start = Math.Max(0, range.Start);
            var end = Math.Min(markdown.Length, range.End);
            html.Append(encoder.Encode(markdown[..start]))
                .Append("<mark class=\"").Append(HighlightClass).Append("\" id=\"").Append(CitedId).Append("\">")
                .Append(encoder.Encode(markdown[start..end]))
                .Append("</mark>")
                .Append(encoder.Encode(markdown[end..]));
            return new RenderedMarkdown(html.Append("</div>").ToString(), 1);
        }
        html.Append(encoder.Encode(markdown));
        return new RenderedMarkdown(html.Append("</div>").ToString(), 0);
    }

    /// <summary>
    /// Paragraphs in tight lists and table cells are written without a &lt;p&gt;, which would drop
    /// the highlight class; such a paragraph is wrapped in a span that carries it.
    /// </summary>
    private sealed class HighlightableParagraphRenderer : ParagraphRenderer
    {
        protected override void Write(HtmlRenderer renderer, ParagraphBlock obj)
        {
            var attributes = obj.TryGetAttributes();
            if (!renderer.ImplicitParagraph || !renderer.EnableHtmlForBlock || attributes is null)
            {
                base.Write(renderer, obj);
                return;
            }
            renderer.Write("<span").WriteAttributes(attributes).Write('>');
            base.Write(renderer, obj);
            renderer.Write("</span>");
        }
    }
}
