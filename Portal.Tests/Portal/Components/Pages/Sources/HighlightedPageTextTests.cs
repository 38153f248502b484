using Bunit;
using KnowledgePortal.Portal.Components.Pages.Sources;
using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Shared.Rendering;

namespace KnowledgePortal.Tests.Portal.Components.Pages.Sources;

/// <summary>The viewer's page text: the &lt;mark&gt; covers exactly the cited chunk's characters on that page.</summary>
public sealed class HighlightedPageTextTests : BunitContext
{
    private const string Page = "Benefits overview.\n\nPerksPlus reimburses up to $1,000 a year.\nSubmit receipts within 90 days.\n\nOther perks follow.";

    private IRenderedComponent<HighlightedPageText> RenderPage(string text, TextRange? highlight) =>
        Render<HighlightedPageText>(p => p.Add(c => c.Text, text).Add(c => c.Highlight, highlight));

    [Fact]
    public void The_mark_covers_exactly_the_chunk_and_the_page_reads_unchanged()
    {
        var start = Page.IndexOf("PerksPlus", StringComparison.Ordinal);
        var end = Page.IndexOf("90 days.", StringComparison.Ordinal) + "90 days.".Length;

        var cut = RenderPage(Page, new TextRange(start, end));

        var mark = cut.Find("mark");
        Assert.Equal(Page[start..end], mark.TextContent);
        Assert.Contains("kp-highlight", mark.ClassList);
        Assert.Equal("kp-cited", mark.Id);
        Assert.Equal(Page, cut.Find(".page-text").TextContent);
    }

    [Fact]
    public void A_chunk_across_three_pages_marks_each_page_as_far_as_it_goes()
    {
        string[] pages = ["First page intro. The chunk starts here and runs on", "the whole second page belongs to it", "and it ends here. Then unrelated text."];
        var startOffset = pages[0].IndexOf("The chunk", StringComparison.Ordinal);
        var endOffset = pages[2].IndexOf(" Then", StringComparison.Ordinal);

        var marked = pages.Select((text, i) =>
        {
            var cut = RenderPage(text, PageHighlight.For(1, 3, startOffset, endOffset, page: i + 1, pageLength: text.Length));
            Assert.Equal(text, cut.Find(".page-text").TextContent);
            return cut.Find("mark").TextContent;
        }).ToList();

        Assert.Equal(["The chunk starts here and runs on", "the whole second page belongs to it", "and it ends here."], marked);
    }

    [Fact]
    public void A_page_outside_the_chunk_has_no_mark()
    {
        var cut = RenderPage(Page, PageHighlight.For(2, 3, 0, 10, page: 1, pageLength: Page.Length));

        Assert.Empty(cut.FindAll("mark"));
        Assert.Equal(Page, cut.Find(".page-text").TextContent);
    }

    [Fact]
    public void Markup_in_the_page_is_shown_as_text()
    {
        const string text = "Use <b>bold</b> and <script>alert(1)</script> and <img src=x onerror=alert(1)> here.";
        var start = text.IndexOf("<script>", StringComparison.Ordinal);

        var cut = RenderPage(text, new TextRange(start, text.Length));

        Assert.Empty(cut.FindAll("b, script, img"));
        Assert.Equal(text[start..], cut.Find("mark").TextContent);
        Assert.Equal(text, cut.Find(".page-text").TextContent);
    }

    [Fact]
    public void A_range_past_the_text_is_clamped()
    {
        var cut = RenderPage("short text", new TextRange(6, 500));

        Assert.Equal("text", cut.Find("mark").TextContent);
    }
}
