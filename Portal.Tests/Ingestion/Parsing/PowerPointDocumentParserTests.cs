using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using static KnowledgePortal.Tests.Ingestion.Parsing.OfficeFiles;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class PowerPointDocumentParserTests
{
    private static ParsedDocument Parse(byte[] pptx, string name = "kickoff.pptx") =>
        new PowerPointDocumentParser().Parse(pptx, name, TestContext.Current.CancellationToken);

    [Fact]
    public void Each_slide_is_a_page_led_by_its_title_with_bullets_tables_and_notes()
    {
        var parsed = Parse(PowerPoint(
            "Sales kickoff",
            new Slide("Targets for 2027", ["Grow revenue by 12%", ">Enterprise accounts first"], Notes: "Mention the new Zava region."),
            new Slide(null, ["A slide without a title"]),
            new Slide("Discounts", [], Table: [["Tier", "Discount"], ["Gold", "15%"]])));

        Assert.Equal(DocumentKind.PowerPoint, parsed.Kind);
        Assert.Equal("Sales kickoff", parsed.Title);
        Assert.Equal(3, parsed.Pages.Count);

        var bullet = Assert.Single(parsed.Blocks, b => b.Text.Contains("Grow revenue", StringComparison.Ordinal));
        Assert.Equal((BlockKind.ListItem, 1), (bullet.Kind, bullet.PageNumber));
        Assert.Equal(["Targets for 2027"], bullet.HeadingPath);
        var note = Assert.Single(parsed.Blocks, b => b.Text.Contains("Zava region", StringComparison.Ordinal));
        Assert.Equal(["Targets for 2027", "Notes"], note.HeadingPath);

        // A slide without a title does not read as part of the slide before it.
        var untitled = Assert.Single(parsed.Blocks, b => b.Text.Contains("without a title", StringComparison.Ordinal));
        Assert.Equal(2, untitled.PageNumber);
        Assert.Equal(["Slide 2"], untitled.HeadingPath);

        var table = Assert.Single(parsed.Blocks, b => b.Kind == BlockKind.Table);
        Assert.Equal(3, table.PageNumber);
        Assert.Contains("Gold | 15%", table.Text);
    }

    [Fact]
    public void A_deck_without_slides_or_text_says_so()
    {
        Assert.Equal("The PowerPoint presentation has no slides.",
            Assert.Throws<DocumentParseException>(() => Parse(PowerPoint(null))).Message);
        Assert.Equal("The PowerPoint presentation has no text to index (it may hold only pictures).",
            Assert.Throws<DocumentParseException>(() => Parse(PowerPoint(null, new Slide(null, [])))).Message);
    }

    [Fact]
    public void A_deck_that_unpacks_to_gigabytes_is_not_read()
    {
        var bomb = WordDocumentParserTests.Bomb(PowerPoint(null, new Slide("Hi", ["there"])), OfficePackage.MaxXmlBytes + 1);

        Assert.StartsWith("The PowerPoint presentation unpacks to more than 256 MB",
            Assert.Throws<DocumentParseException>(() => Parse(bomb)).Message);
    }
}
