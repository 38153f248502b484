using System.IO.Compression;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Rendering;
using static KnowledgePortal.Tests.Ingestion.Parsing.OfficeFiles;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class WordDocumentParserTests
{
    private static ParsedDocument Parse(byte[] docx, string name = "handbook.docx") =>
        new WordDocumentParser().Parse(docx, name, TestContext.Current.CancellationToken);

    private static byte[] Handbook() => Word(
        "Employee Handbook 2026",
        Para("Leave", "Heading1"),
        Para("Everyone gets 25 days of annual leave."),
        Item("Ask your manager two weeks ahead.", BulletList),
        Item("Record the days in the HR portal.", BulletList, level: 1),
        Item("Carry over at most five days.", NumberedList),
        PageBreak(),
        Para("Parental leave", "Heading2"),
        Para("Parents get 16 weeks of paid leave."),
        Para("Health plans", "Heading1"),
        WordTable(["Plan", "Specialist copay"], ["Northwind Standard", "$60"], ["Northwind Plus", "$50"]));

    [Fact]
    public void Headings_lists_tables_and_page_breaks_keep_their_shape()
    {
        var parsed = Parse(Handbook());

        Assert.Equal(DocumentKind.Word, parsed.Kind);
        Assert.Equal("Employee Handbook 2026", parsed.Title);
        Assert.Equal(2, parsed.Pages.Count);
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.Heading, Text: "Leave", PageNumber: 1 });
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.ListItem, Text: "- Ask your manager two weeks ahead." });
        var nested = Assert.Single(parsed.Blocks, b => b.Text.Contains("HR portal", StringComparison.Ordinal));
        Assert.Equal(BlockKind.ListItem, nested.Kind);
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.ListItem, Text: "1. Carry over at most five days." });

        // The heading of page 1 still holds the section that continues on page 2.
        var parental = Assert.Single(parsed.Blocks, b => b.Text.StartsWith("Parents get", StringComparison.Ordinal));
        Assert.Equal(2, parental.PageNumber);
        Assert.Equal(["Leave", "Parental leave"], parental.HeadingPath);

        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        Assert.Contains("Plan | Specialist copay", table.Text);
        Assert.Contains("Northwind Plus | $50", table.Text);
        Assert.Equal(["Health plans"], table.HeadingPath);

        // Each block's offsets point at its text in the page the viewer shows.
        foreach (var block in parsed.Blocks)
        {
            var source = parsed.Pages[block.PageNumber - 1].Text[block.Start..block.End];
            Assert.Contains(block.Text.Split(' ')[^1].TrimEnd('.'), source);
        }
    }

    [Fact]
    public void Text_that_looks_like_markup_stays_text_in_blocks_and_in_the_viewer()
    {
        const string tricky = "Use *stars*, _under_ & <b onclick=alert(1)>bold</b> # not a heading | no table";
        var parsed = Parse(Word(null, Para("1. not a list"), Para(tricky)));

        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.Paragraph, Text: tricky });
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.Paragraph, Text: "1. not a list" });
        var html = SafeMarkdownRenderer.Render(parsed.Pages[0].Text, null).Html;
        Assert.DoesNotContain("<b", html);
        Assert.DoesNotContain("<em>", html);
        Assert.DoesNotContain("<ol", html);
        Assert.Contains("&lt;b onclick=alert(1)&gt;", html);
    }

    [Fact]
    public void Pages_are_where_word_last_laid_them_out_when_it_recorded_that()
    {
        // Word records the start of each page it laid out, including the one after an explicit break:
        // counting both would number every later page one too high.
        var parsed = Parse(Word(
            null,
            Para("First page."),
            PageBreak(),
            RenderedPageStart("Second page."),
            RenderedPageStart("Third page.")));

        Assert.Equal(3, parsed.Pages.Count);
        Assert.Equal(3, Assert.Single(parsed.Blocks, b => b.Text == "Third page.").PageNumber);
    }

    [Fact]
    public void The_title_falls_back_to_the_first_heading_and_then_the_file_name()
    {
        Assert.Equal("Expense policy", Parse(Word("Microsoft Word - draft3.docx", Para("Expense policy", "Title"), Para("Keep receipts."))).Title);
        Assert.Equal("notes", Parse(Word(null, Para("Keep receipts.")), "notes.docx").Title);
    }

    [Fact]
    public void A_document_without_text_a_damaged_one_and_a_zip_bomb_fail_with_their_reason()
    {
        var empty = Assert.Throws<DocumentParseException>(() => Parse(Word(null, Para(" "))));
        Assert.Equal("The Word document has no text to index (it may hold only pictures).", empty.Message);

        var docx = Handbook();
        var truncated = Assert.Throws<DocumentParseException>(() => Parse(docx[..(docx.Length / 2)]));
        Assert.Equal("The Word document is damaged and cannot be read.", truncated.Message);

        var bomb = Assert.Throws<DocumentParseException>(() => Parse(Bomb(docx, OfficePackage.MaxXmlBytes + 1)));
        Assert.StartsWith("The Word document unpacks to more than 256 MB", bomb.Message);
    }

    /// <summary>A real document with one more XML part of <paramref name="bytes"/> spaces, which deflate to almost nothing.</summary>
    internal static byte[] Bomb(byte[] package, long bytes)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var part = zip.CreateEntry("customXml/item9.xml", CompressionLevel.Optimal).Open();
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (long written = 0; written < bytes; written += block.Length)
            {
                part.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
            }
        }
        return stream.ToArray();
    }
}
