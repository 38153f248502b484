using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using KnowledgePortal.Shared.Rendering;

namespace KnowledgePortal.Tests.Shared.Rendering;

/// <summary>
/// Markdown from anyone is rendered on the portal's own origin, so the output is checked as a browser
/// would read it (parsed by AngleSharp): no element or attribute that can run script, no unsafe URL.
/// </summary>
public sealed class SafeMarkdownRendererTests
{
    /// <summary>What Markdig writes for the enabled extensions; anything else is a failure.</summary>
    private static readonly HashSet<string> AllowedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "del", "ins", "mark", "sub", "sup",
        "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "col", "hr", "br",
        "div", "span", "dl", "dt", "dd", "abbr", "cite", "figure", "figcaption", "footer", "section", "input",
        // the icon Markdig itself writes into an alert block's title (fixed markup, no user input)
        "svg", "path",
        // AngleSharp's document wrapper
        "html", "head", "body",
    };

    public static TheoryData<string, string> HostileMarkdown => new()
    {
        { "script block", "<script>alert(1)</script>" },
        { "script inline", "Hello <script>alert(1)</script> world" },
        { "img onerror", "Text <img src=x onerror=alert(1)> more" },
        { "img onerror block", "<img src=x onerror=alert(1)>" },
        { "div handler", "<div onmouseover=\"alert(1)\">hover</div>" },
        { "iframe", "<iframe src=\"https://evil.example\"></iframe>" },
        { "svg script", "<svg><script>alert(1)</script></svg>" },
        { "svg onload", "<svg onload=alert(1)>" },
        { "style", "<style>body { display: none }</style>" },
        { "comment", "<!-- <script>alert(1)</script> -->" },
        { "inline anchor", "a <a href=\"javascript:alert(1)\">b</a> c" },
        { "form", "<form action=\"javascript:alert(1)\"><button>x</button></form>" },
        { "object", "<object data=\"javascript:alert(1)\"></object>" },
        { "meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">" },
        { "base", "<base href=\"javascript:alert(1)//\">" },
        { "javascript link", "[x](javascript:alert(1))" },
        { "upper case scheme", "[x](JAVASCRIPT:alert(1))" },
        { "angle destination", "[x](<javascript:alert(1)>)" },
        { "hex entity", "[x](jav&#x61;script:alert(1))" },
        { "decimal entity", "[x](&#106;avascript:alert(1))" },
        { "named colon", "[x](javascript&colon;alert(1))" },
        { "entity tab", "[x](<java&#9;script:alert(1)>)" },
        { "entity newline", "[x](java&#10;script:alert(1))" },
        { "vbscript", "[x](vbscript:msgbox(1))" },
        { "data html", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
        { "data image", "![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)" },
        { "javascript image", "![i](javascript:alert(1))" },
        { "file", "[x](file:///etc/passwd)" },
        { "autolink javascript", "<javascript:alert(1)>" },
        { "autolink vbscript", "<vbscript:msgbox(1)>" },
        { "autolink data", "<data:text/html,<script>alert(1)</script>>" },
        { "reference link", "[x][r]\n\n[r]: javascript:alert(1)" },
        { "shortcut reference", "[r]\n\n[r]: javascript:alert(1)" },
        { "reference image", "![x][r]\n\n[r]: javascript:alert(1)" },
        { "reference entity", "[x][r]\n\n[r]: jav&#x61;script:alert(1)" },
        { "title breakout", "[x](https://example.com \"\\\" onmouseover=alert(1) x=\\\"\")" },
        { "alt breakout", "![\" onerror=\"alert(1)](https://example.com/x.png)" },
        { "url quote breakout", "[x](https://example.com/\"onmouseover=\"alert(1))" },
        { "code info", "```\" onclick=\"alert(1)\nx\n```" },
        { "abbreviation", "*[HTML]: <script>alert(1)</script>\n\nHTML here" },
        { "footnote", "Text[^1]\n\n[^1]: [x](javascript:alert(1)) <script>alert(1)</script>" },
        { "table cell", "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |" },
        { "nested emphasis", "***_**~~[x](javascript:alert(1))~~**_***" },
        { "deep emphasis", string.Concat(Enumerable.Repeat("*a _b ", 2000)) },
        { "deep quotes", new string('>', 1000) + " <script>alert(1)</script>" },
        { "deep indentation", string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- <img src=x onerror=alert(1)>\n")) },
        { "generic attributes", "# Title {onclick=\"alert(1)\" #app-ready}\n\nText {.mud-overlay onmouseover=alert(1)}" },
        { "custom container", "::: mud-overlay\nCovering text\n:::" },
        { "media link", "![video](https://www.youtube.com/watch?v=abc)" },
        { "task list", "- [x] done <script>alert(1)</script>\n- [ ] todo" },
        { "alert block", "> [!WARNING]\n> <img src=x onerror=alert(1)>" },
        { "heading id clobbering", "# app-ready\n\n## global-ask" },
    };

    [Theory]
    [MemberData(nameof(HostileMarkdown))]
    public void Hostile_markdown_never_yields_an_executable_element_or_attribute(string name, string markdown)
    {
        var html = SafeMarkdownRenderer.Render(markdown).Html;

        AssertInert(html, name);
    }

    [Theory]
    [MemberData(nameof(HostileMarkdown))]
    public void Hostile_markdown_stays_inert_when_highlighted(string name, string markdown)
    {
        var html = SafeMarkdownRenderer.Render(markdown, new TextRange(0, markdown.Length)).Html;

        AssertInert(html, name);
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = SafeMarkdownRenderer.Render("Hello <script>alert(1)</script> world\n\n<div onclick=\"x()\">block</div>").Html;

        var document = Parse(html);
        Assert.Empty(document.QuerySelectorAll("script, div[onclick]"));
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<div onclick=\"x()\">block</div>", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsafe_links_keep_their_words_and_lose_the_link()
    {
        var html = SafeMarkdownRenderer.Render("Click [here](javascript:alert(1)) or see ![the chart](data:image/png;base64,AAAA).").Html;

        var paragraph = Parse(html).QuerySelector("p")!;
        Assert.Empty(paragraph.QuerySelectorAll("a, img"));
        Assert.Equal("Click here or see the chart.", paragraph.TextContent);
    }

    [Fact]
    public void Safe_links_get_noopener_noreferrer()
    {
        var html = SafeMarkdownRenderer.Render("[site](https://example.com/a?b=1&c=2), <https://example.com/auto>, www.example.org, [rel](other.md), [mail](mailto:hr@example.com)").Html;

        var links = Parse(html).QuerySelectorAll("a");
        Assert.Equal(
            ["https://example.com/a?b=1&c=2", "https://example.com/auto", "http://www.example.org", "other.md", "mailto:hr@example.com"],
            links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.Equal("noopener noreferrer", a.GetAttribute("rel")));
    }

    [Fact]
    public void Common_markdown_renders_as_expected()
    {
        var html = SafeMarkdownRenderer.Render("""
            ---
            title: Hidden front matter
            ---
            # Leave policy

            Some **bold** and ~~old~~ text with `code`.

            | Days | Who |
            |-----:|-----|
            | 25 | everyone |

            - [x] done
            - [ ] open

            > [!NOTE]
            > Remember this.
            """).Html;

        var document = Parse(html);
        Assert.Equal("Leave policy", document.QuerySelector("h1")!.TextContent);
        Assert.Null(document.QuerySelector("h1")!.GetAttribute("id"));
        Assert.Equal("bold", document.QuerySelector("strong")!.TextContent);
        Assert.Equal("old", document.QuerySelector("del")!.TextContent);
        Assert.Equal("25", document.QuerySelector("td")!.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("input[type=checkbox][disabled]").Length);
        Assert.DoesNotContain("Hidden front matter", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Remember this.", document.Body!.TextContent, StringComparison.Ordinal);
    }

    private const string Policy = """
        # Benefits

        Intro paragraph about benefits.

        ## Dental

        Cleanings twice a year.

        Orthodontics are not covered.

        ## Vision

        - One exam a year
        - Glasses up to $150
        - Contact lenses

        | Plan | Deductible |
        |------|-----------:|
        | Standard | $2,000 |
        | Plus | $1,500 |
        | Premium | $500 |

        > Quoted **advice** here.

        ```
        code line
        ```
        """;

    [Fact]
    public void Highlight_marks_exactly_the_blocks_overlapping_the_range()
    {
        var start = Policy.IndexOf("## Dental", StringComparison.Ordinal);
        var end = Policy.IndexOf("Orthodontics are not covered.", StringComparison.Ordinal) + "Orthodontics are not covered.".Length;

        var rendered = SafeMarkdownRenderer.Render(Policy, new TextRange(start, end));

        var marked = Highlighted(rendered.Html);
        Assert.Equal(["h2:Dental", "p:Cleanings twice a year.", "p:Orthodontics are not covered."], marked.Select(Describe));
        Assert.Equal(3, rendered.HighlightedBlocks);
        Assert.Equal(SafeMarkdownRenderer.CitedId, marked[0].Id);
        Assert.Single(Parse(rendered.Html).QuerySelectorAll("[id]"));
    }

    [Fact]
    public void A_range_inside_one_paragraph_marks_only_that_paragraph()
    {
        var start = Policy.IndexOf("twice", StringComparison.Ordinal);

        var marked = Highlighted(SafeMarkdownRenderer.Render(Policy, new TextRange(start, start + 5)).Html);

        Assert.Equal(["p:Cleanings twice a year."], marked.Select(Describe));
    }

    [Fact]
    public void A_range_between_blocks_marks_nothing()
    {
        var start = Policy.IndexOf("Cleanings twice a year.", StringComparison.Ordinal) + "Cleanings twice a year.".Length;
        var end = Policy.IndexOf("Orthodontics", StringComparison.Ordinal);

        var rendered = SafeMarkdownRenderer.Render(Policy, new TextRange(start, end));

        Assert.Empty(Highlighted(rendered.Html));
        Assert.Equal(0, rendered.HighlightedBlocks);
    }

    [Fact]
    public void Items_of_a_tight_list_are_marked_one_by_one()
    {
        var start = Policy.IndexOf("- Glasses", StringComparison.Ordinal);
        var end = Policy.IndexOf("Contact lenses", StringComparison.Ordinal) + "Contact lenses".Length;

        var marked = Highlighted(SafeMarkdownRenderer.Render(Policy, new TextRange(start, end)).Html);

        Assert.Equal(["span:Glasses up to $150", "span:Contact lenses"], marked.Select(Describe));
        Assert.All(marked, m => Assert.Equal("LI", m.ParentElement!.TagName));
    }

    [Fact]
    public void Table_rows_quotes_and_code_are_marked_at_their_own_level()
    {
        var start = Policy.IndexOf("| Plus", StringComparison.Ordinal);
        var end = Policy.IndexOf("code line", StringComparison.Ordinal) + 1;

        var marked = Highlighted(SafeMarkdownRenderer.Render(Policy, new TextRange(start, end)).Html);

        Assert.Equal(["tr:Plus $1,500", "tr:Premium $500", "p:Quoted advice here.", "pre:code line"], marked.Select(Describe));
    }

    /// <summary>
    /// The viewer highlights chunks whose offsets come from the ingestion parser; each of the parser's
    /// blocks of a real document must light up exactly the element that shows it.
    /// </summary>
    [Fact]
    public void Each_block_the_ingestion_parser_finds_marks_the_element_that_shows_it()
    {
        var bytes = KnowledgePortal.Tests.TestSupport.Corpus.ReadAllBytes("Contoso_Electronics_Company_Overview.md");
        var parsed = new KnowledgePortal.Ingestion.Parsing.MarkdownDocumentParser().Parse(bytes, "overview.md", CancellationToken.None);
        var source = Assert.Single(parsed.Pages).Text;
        Assert.NotEmpty(parsed.Blocks);

        foreach (var block in parsed.Blocks)
        {
            var marked = Highlighted(SafeMarkdownRenderer.Render(source, new TextRange(block.Start, block.End)).Html);

            Assert.NotEmpty(marked);
            var shown = Normalize(string.Join(" ", marked.Select(m => m.TextContent)));
            var expected = Normalize(block.Text);
            Assert.True(
                block.Kind == KnowledgePortal.Ingestion.Parsing.BlockKind.ListItem ? expected.EndsWith(shown, StringComparison.Ordinal) : shown == expected,
                $"block \"{block.Text}\" lit up \"{shown}\"");
            if (block.Kind != KnowledgePortal.Ingestion.Parsing.BlockKind.Table)
            {
                Assert.Single(marked);
            }
        }
    }

    [Fact]
    public void Markdown_too_deep_to_parse_is_shown_as_text_with_the_range_marked()
    {
        var markdown = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- item <b>" + i + "</b>\n"));
        var start = markdown.IndexOf("item <b>150", StringComparison.Ordinal);

        var rendered = SafeMarkdownRenderer.Render(markdown, new TextRange(start, start + 10));

        var document = Parse(rendered.Html);
        Assert.Empty(document.QuerySelectorAll("b"));
        var mark = Assert.Single(document.QuerySelectorAll("mark.kp-highlight"));
        Assert.Equal("item <b>15", mark.TextContent);
        Assert.Equal(markdown, document.QuerySelector(".page-text")!.TextContent);
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Replace("|", " ", StringComparison.Ordinal).Replace(";", " ", StringComparison.Ordinal)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static List<IElement> Highlighted(string html) =>
        [.. new HtmlParser().ParseDocument(html).QuerySelectorAll("." + SafeMarkdownRenderer.HighlightClass)];

    private static string Describe(IElement element) =>
        element.TagName.ToLowerInvariant() + ":" + string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void AssertInert(string html, string name)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            var tag = element.LocalName;
            Assert.True(AllowedElements.Contains(tag), $"{name}: unexpected <{tag}> in {html}");
            if (tag == "input")
            {
                Assert.Equal("checkbox", element.GetAttribute("type"));
                Assert.True(element.HasAttribute("disabled"), $"{name}: an enabled input in {html}");
            }
            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                Assert.False(attributeName.StartsWith("on", StringComparison.Ordinal), $"{name}: event handler {attributeName} in {html}");
                Assert.DoesNotContain(attributeName, new[] { "srcdoc", "formaction", "action", "xlink:href", "background", "poster" });
                if (attributeName == "style")
                {
                    Assert.Matches(@"^(text-align: (left|center|right);|width:[0-9.]+%)$", attribute.Value);
                }
                if (attributeName is "href" or "src")
                {
                    var compact = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    Assert.False(compact.StartsWith("javascript:", StringComparison.Ordinal) || compact.StartsWith("vbscript:", StringComparison.Ordinal) || compact.StartsWith("data:", StringComparison.Ordinal),
                        $"{name}: unsafe {attributeName}=\"{attribute.Value}\"");
                    Assert.True(SafeUrls.IsAllowed(attribute.Value), $"{name}: refused URL {attribute.Value} was written");
                }
                if (attributeName == "id")
                {
                    Assert.Matches(@"^(kp-cited|fn:\d+|fnref:\d+)$", attribute.Value);
                }
            }
            if (tag == "a" && element.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Equal("noopener noreferrer", element.GetAttribute("rel"));
            }
        }
    }
}
