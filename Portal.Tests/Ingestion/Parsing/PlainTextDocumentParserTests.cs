using System.Text;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class PlainTextDocumentParserTests
{
    private readonly PlainTextDocumentParser parser = new();

    private ParsedDocument Parse(byte[] bytes, string fileName = "notes.txt") =>
        parser.Parse(bytes, fileName, CancellationToken.None);

    [Fact]
    public void Paragraphs_are_split_on_blank_lines_with_offsets_into_the_page()
    {
        var text = "Parking rules\r\n\r\nPark in zone B\r\nafter 6 pm.\r\n   \r\n\r\n  Visitors use zone   C.  \r\n";

        var document = Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(DocumentKind.Text, document.Kind);
        var page = Assert.Single(document.Pages);
        Assert.Equal(text.ReplaceLineEndings("\n"), page.Text);
        Assert.Equal(["Parking rules", "Park in zone B after 6 pm.", "Visitors use zone C."], document.Blocks.Select(b => b.Text));
        Assert.Equal("Park in zone B\nafter 6 pm.", page.Text[document.Blocks[1].Start..document.Blocks[1].End]);
        Assert.Equal("Visitors use zone   C.", page.Text[document.Blocks[2].Start..document.Blocks[2].End]);
        Assert.All(document.Blocks, b => Assert.Equal(BlockKind.Paragraph, b.Kind));
        Assert.Equal("Parking rules", document.Title);
    }

    [Fact]
    public void A_long_first_line_is_prose_and_the_title_is_the_file_name()
    {
        var document = Parse(Encoding.UTF8.GetBytes(new string('x', 130) + "\n\nMore."), "policy-2024.txt");

        Assert.Equal("policy-2024", document.Title);
    }

    [Fact]
    public void Windows_1252_text_is_decoded_readably()
    {
        // "café résumé naïve – 50 €" as an old Windows editor saves it: not valid UTF-8.
        byte[] bytes = [.. "caf"u8, 0xE9, .. " r"u8, 0xE9, .. "sum"u8, 0xE9, .. " na"u8, 0xEF, .. "ve "u8, 0x96, .. " 50 "u8, 0x80];

        var document = Parse(bytes);

        Assert.Equal("café résumé naïve – 50 €", document.Pages[0].Text);
        Assert.DoesNotContain('\uFFFD', document.Pages[0].Text);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void A_byte_order_mark_decides_the_encoding_and_is_not_text(string encodingName)
    {
        Encoding encoding = encodingName switch
        {
            "utf-8-bom" => new UTF8Encoding(true),
            "utf-16le" => new UnicodeEncoding(false, true),
            _ => new UnicodeEncoding(true, true),
        };
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Zürich office\n\nÜbersicht")).ToArray();

        var document = Parse(bytes);

        Assert.Equal("Zürich office\n\nÜbersicht", document.Pages[0].Text);
        Assert.Equal("Zürich office", document.Title);
    }

    [Fact]
    public void Empty_and_blank_files_are_reported_as_empty()
    {
        Assert.Equal("The file is empty.", Assert.Throws<DocumentParseException>(() => Parse([])).Message);
        Assert.Equal("The file is empty.", Assert.Throws<DocumentParseException>(() => Parse("\r\n \t\n"u8.ToArray())).Message);
        Assert.Equal("The file is empty.", Assert.Throws<DocumentParseException>(() => Parse([0xEF, 0xBB, 0xBF])).Message);
    }
}
