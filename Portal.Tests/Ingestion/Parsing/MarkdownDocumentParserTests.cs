using System.Diagnostics;
using System.Text;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class MarkdownDocumentParserTests(ITestOutputHelper output)
{
    private readonly MarkdownDocumentParser parser = new();

    private ParsedDocument Parse(string markdown, string fileName = "notes.md") =>
        parser.Parse(Encoding.UTF8.GetBytes(markdown), fileName, CancellationToken.None);

    private ParsedDocument Overview() =>
        parser.Parse(Corpus.ReadAllBytes("Contoso_Electronics_Company_Overview.md"), "Contoso_Electronics_Company_Overview.md", CancellationToken.None);

    [Fact]
    public void The_corpus_overview_is_one_page_holding_the_source()
    {
        var source = File.ReadAllText(Corpus.File("Contoso_Electronics_Company_Overview.md")).ReplaceLineEndings("\n");

        var document = Overview();

        Assert.Equal(DocumentKind.Markdown, document.Kind);
        Assert.Equal("Contoso Electronics", document.Title);
        var page = Assert.Single(document.Pages);
        Assert.Equal(1, page.Number);
        Assert.Equal(source, page.Text);
    }

    [Fact]
    public void Corpus_headings_nest_by_level()
    {
        var blocks = Overview().Blocks;

        var values = Assert.Single(blocks, b => b.Kind == BlockKind.Heading && b.Text == "Core Values");
        Assert.Equal(["Contoso Electronics", "Company Overview", "Core Values"], values.HeadingPath);
        var vacation = Assert.Single(blocks, b => b.Text.StartsWith("We believe in work-life balance", StringComparison.Ordinal));
        Assert.Equal(["Contoso Electronics", "Vacation Perks"], vacation.HeadingPath);
    }

    [Fact]
    public void Corpus_list_items_and_tables_are_readable_without_markdown_syntax()
    {
        var blocks = Overview().Blocks;

        var innovation = Assert.Single(blocks, b => b.Text.Contains("Innovation:", StringComparison.Ordinal));
        Assert.Equal(BlockKind.ListItem, innovation.Kind);
        Assert.Equal("- Innovation: Constantly pushing the boundaries of technology.", innovation.Text);

        var milestones = Assert.Single(blocks, b => b.Kind == BlockKind.Table && b.Text.StartsWith("Year | Milestone", StringComparison.Ordinal));
        Assert.Contains("1990 | Launched the first-ever handheld personal computer", milestones.Text);
        Assert.Contains("Executive | 6 weeks | Luxury resort getaway with family",
            Assert.Single(blocks, b => b.Kind == BlockKind.Table && b.Text.StartsWith("Vacation Tier", StringComparison.Ordinal)).Text);

        var join = Assert.Single(blocks, b => b.Text.Contains("careers page", StringComparison.Ordinal));
        Assert.EndsWith("check out our careers page for exciting opportunities.", join.Text);
        Assert.All(blocks, b =>
        {
            Assert.DoesNotContain("**", b.Text);
            Assert.DoesNotContain("](", b.Text);
            Assert.DoesNotContain("http://", b.Text);
            Assert.DoesNotContain("|---", b.Text);
        });
    }

    [Fact]
    public void Block_offsets_are_the_source_spans()
    {
        var document = Overview();
        var source = document.Pages[0].Text;

        Assert.All(document.Blocks, b =>
        {
            Assert.InRange(b.Start, 0, b.End - 1);
            Assert.InRange(b.End, b.Start + 1, source.Length);
            Assert.Equal(1, b.PageNumber);
        });
        Assert.Equal("## History", Slice(document, "History"));
        Assert.Equal("- **Innovation:** Constantly pushing the boundaries of technology.", Slice(document, "- Innovation: Constantly pushing the boundaries of technology."));
        var table = document.Blocks.First(b => b.Kind == BlockKind.Table);
        Assert.StartsWith("| Year | Milestone |", source[table.Start..table.End]);
        Assert.EndsWith("| 2015 | Expansion into sustainable and eco-friendly product lines |", source[table.Start..table.End]);
        // In reading order and never overlapping.
        Assert.All(document.Blocks.Zip(document.Blocks.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }

    private static string Slice(ParsedDocument document, string blockText)
    {
        var block = Assert.Single(document.Blocks, b => b.Text == blockText);
        return document.Pages[0].Text[block.Start..block.End];
    }

    [Fact]
    public void Front_matter_gives_the_title_and_is_not_content()
    {
        var document = Parse("---\r\ntitle: \"Travel \\\"policy\\\" 2024\"\r\nowner: finance\r\n---\r\n\r\n# Travel\r\n\r\nBook through the portal.\r\n");

        Assert.Equal("Travel \"policy\" 2024", document.Title);
        Assert.DoesNotContain('\r', document.Pages[0].Text);
        Assert.StartsWith("---\ntitle:", document.Pages[0].Text);
        Assert.Equal(["Travel", "Book through the portal."], document.Blocks.Select(b => b.Text));
        Assert.DoesNotContain(document.Blocks, b => b.Text.Contains("owner", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("# First heading\n\ntext", "notes.md", "First heading")]
    [InlineData("## Only a second-level heading\n\ntext", "team-notes.md", "team-notes")]
    [InlineData("---\ntitle: 'It''s quoted'\n---\n# Heading", "x.md", "It's quoted")]
    public void Title_is_front_matter_then_first_h1_then_file_name(string markdown, string fileName, string title)
    {
        Assert.Equal(title, Parse(markdown, fileName).Title);
    }

    [Fact]
    public void Inline_markup_gives_way_to_its_text()
    {
        var block = Assert.Single(Parse("Use `kp ingest` with **care**, see [the guide](https://x/guide) and ![a diagram](d.png) &amp; <kbd>Ctrl</kbd>+C.").Blocks);

        Assert.Equal("Use kp ingest with care, see the guide and a diagram & Ctrl+C.", block.Text);
    }

    [Fact]
    public void Lists_keep_their_markers_and_nested_items_their_text()
    {
        var document = Parse("1. Pack\n2. Travel\n   - by train\n   - by plane\n     1. economy only\n3. Claim\n\n- [x] booked\n- [ ] paid\n");

        Assert.Equal(
            ["1. Pack", "2. Travel", "- by train", "- by plane", "1. economy only", "3. Claim", "- [x] booked", "- [ ] paid"],
            document.Blocks.Select(b => b.Text));
        Assert.All(document.Blocks, b => Assert.Equal(BlockKind.ListItem, b.Kind));
    }

    [Fact]
    public void Fifty_levels_of_nested_lists_keep_every_item()
    {
        var markdown = new StringBuilder();
        for (var depth = 0; depth < 50; depth++)
        {
            markdown.Append(' ', depth * 2).Append("- level ").Append(depth).Append('\n');
        }

        var document = Parse(markdown.ToString());

        Assert.Equal(Enumerable.Range(0, 50).Select(d => $"- level {d}"), document.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void Nesting_beyond_what_markdig_accepts_is_read_as_text_instead_of_failing()
    {
        var lists = new StringBuilder();
        for (var depth = 0; depth < 1000; depth++)
        {
            lists.Append(' ', depth * 2).Append("- level ").Append(depth).Append('\n');
        }
        var quotes = new string('>', 10_000) + " the bottom of the well";

        var nestedLists = Parse(lists.ToString());
        var nestedQuotes = Parse(quotes);

        Assert.Contains("level 999", string.Join(" ", nestedLists.Blocks.Select(b => b.Text)));
        Assert.Contains("the bottom of the well", string.Join(" ", nestedQuotes.Blocks.Select(b => b.Text)));
    }

    [Fact]
    public void Code_blocks_and_quotes_are_kept_as_text()
    {
        var document = Parse("> Ask before you\n> expense it.\n\n```csharp\nvar total = 1;\nConsole.WriteLine(total);\n```\n\n    indented code\n");

        Assert.Equal(BlockKind.Paragraph, document.Blocks[0].Kind);
        Assert.Equal("Ask before you expense it.", document.Blocks[0].Text);
        Assert.Equal(BlockKind.Code, document.Blocks[1].Kind);
        Assert.Equal("var total = 1; Console.WriteLine(total);", document.Blocks[1].Text);
        Assert.Equal("indented code", document.Blocks[2].Text);
        Assert.StartsWith("```csharp", document.Pages[0].Text[document.Blocks[1].Start..document.Blocks[1].End]);
    }

    [Fact]
    public void Raw_html_is_never_emitted_only_its_text()
    {
        var document = Parse(
            "# Page\n\n<div class=\"note\">\n<script>alert('x')</script><style>p { color: red }</style>\n<p>Hello <b>world</b> &amp; friends</p>\n</div>\n\n<!-- internal comment -->\n\nAfter <span>inline</span> html.\n");

        Assert.Contains(document.Blocks, b => b.Text == "Hello world & friends");
        Assert.Contains(document.Blocks, b => b.Text == "After inline html.");
        Assert.All(document.Blocks, b =>
        {
            Assert.DoesNotContain("<", b.Text);
            Assert.DoesNotContain(">", b.Text);
            Assert.DoesNotContain("alert", b.Text);
            Assert.DoesNotContain("color", b.Text);
            Assert.DoesNotContain("internal comment", b.Text);
        });
    }

    [Fact]
    public void Large_tables_are_split_into_groups_of_rows_each_led_by_the_header()
    {
        var markdown = new StringBuilder("| Code | Meaning |\n|---|---|\n");
        for (var row = 1; row <= 45; row++)
        {
            markdown.Append("| E").Append(row).Append(" | error ").Append(row).Append(" |\n");
        }

        var tables = Parse(markdown.ToString()).Blocks;

        Assert.Equal(3, tables.Count);
        Assert.All(tables, t => Assert.StartsWith("Code | Meaning; E", t.Text));
        Assert.Contains("E20 | error 20", tables[0].Text);
        Assert.StartsWith("Code | Meaning; E21 | error 21", tables[1].Text);
        Assert.EndsWith("E45 | error 45", tables[2].Text);
        Assert.True(tables[0].End <= tables[1].Start && tables[1].End <= tables[2].Start);
    }

    [Fact]
    public void Ten_thousand_headings_parse_quickly_with_correct_paths()
    {
        var markdown = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            markdown.Append('#', i % 6 + 1).Append(" Heading ").Append(i).Append("\n\nBody ").Append(i).Append("\n\n");
        }
        var stopwatch = Stopwatch.StartNew();

        var document = Parse(markdown.ToString());

        output.WriteLine($"10,000 headings parsed in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(20_000, document.Blocks.Count);
        var last = document.Blocks[^1];
        Assert.Equal("Body 9999", last.Text);
        // 9999 % 6 == 3, so heading 9999 is an H4 under 9996 (H1), 9997 (H2), 9998 (H3).
        Assert.Equal(["Heading 9996", "Heading 9997", "Heading 9998", "Heading 9999"], last.HeadingPath);
    }

    [Fact]
    public void Empty_markdown_is_reported_as_empty()
    {
        Assert.Equal("The file is empty.", Assert.Throws<DocumentParseException>(() => Parse("")).Message);
        Assert.Equal("The file is empty.", Assert.Throws<DocumentParseException>(() => Parse(" \n\n\t")).Message);
        Assert.Equal("The file is empty.", Assert.Throws<DocumentParseException>(() => Parse("---\ntitle: x\n---\n<!-- nothing -->\n")).Message);
    }
}
