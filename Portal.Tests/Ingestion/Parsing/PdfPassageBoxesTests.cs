using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Tests.TestSupport;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Util;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class PdfPassageBoxesTests
{
    [Fact]
    public void A_paragraph_gets_one_box_per_line_over_its_own_words_and_nothing_else_is_boxed()
    {
        var pdf = Corpus.ReadAllBytes("PerksPlus.pdf");
        var parsed = new PdfDocumentParser().Parse(pdf, "PerksPlus.pdf", CancellationToken.None);
        var paragraph = parsed.Blocks.First(b => b.Text.StartsWith("Introducing PerksPlus", StringComparison.Ordinal));
        var passage = parsed.Pages[paragraph.PageNumber - 1].Text[paragraph.Start..paragraph.End];

        var boxes = PdfPassageBoxes.Find(pdf, paragraph.PageNumber, passage);

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(paragraph.PageNumber);
        var words = DefaultWordExtractor.Instance.GetWords(page.Letters).ToList();
        bool Inside(UglyToad.PdfPig.Core.PdfRectangle word) => boxes.Any(b =>
            word.Centroid.X / page.Width >= b.Left && word.Centroid.X / page.Width <= b.Left + b.Width
            && (page.Height - word.Centroid.Y) / page.Height >= b.Top && (page.Height - word.Centroid.Y) / page.Height <= b.Top + b.Height);
        var boxed = words.Where(w => Inside(w.BoundingBox)).Select(w => w.Text).ToList();

        // The paragraph is set over seven lines; its phrases repeated further down the page are not boxed.
        Assert.Equal(7, boxes.Count);
        Assert.All(boxes, b => Assert.True(b is { Left: >= 0, Top: >= 0, Width: > 0, Height: > 0 } && b.Left + b.Width <= 1 && b.Top + b.Height <= 1, b.ToString()));
        Assert.Equal(boxes.OrderBy(b => b.Top), boxes);
        Assert.Equal("Introducing", boxed[0]);
        Assert.Contains("wellness,", boxed);
        Assert.DoesNotContain("Overview", boxed);
        Assert.DoesNotContain(words.Where(w => w.Text == "Gym"), w => Inside(w.BoundingBox));
        Assert.Equal("life.", boxed[^1]);
    }

    [Fact]
    public void Words_that_are_not_on_the_page_give_no_box()
    {
        var pdf = Corpus.ReadAllBytes("PerksPlus.pdf");

        Assert.Empty(PdfPassageBoxes.Find(pdf, 3, "nothing of this sentence appears anywhere in the document"));
        Assert.Empty(PdfPassageBoxes.Find(pdf, 99, "Introducing PerksPlus - the ultimate"));
    }
}
