using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Shared.Rendering;

namespace KnowledgePortal.Tests.Portal.Features.Sources;

public sealed class PageHighlightTests
{
    [Fact]
    public void A_chunk_on_one_page_covers_its_offsets() =>
        Assert.Equal(new TextRange(10, 42), PageHighlight.For(3, 3, 10, 42, page: 3, pageLength: 100));

    [Fact]
    public void A_chunk_across_pages_covers_the_end_of_the_first_the_middle_whole_and_the_start_of_the_last()
    {
        Assert.Equal(new TextRange(70, 100), PageHighlight.For(2, 4, 70, 25, page: 2, pageLength: 100));
        Assert.Equal(new TextRange(0, 80), PageHighlight.For(2, 4, 70, 25, page: 3, pageLength: 80));
        Assert.Equal(new TextRange(0, 25), PageHighlight.For(2, 4, 70, 25, page: 4, pageLength: 90));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Pages_outside_the_chunk_have_no_highlight(int page) =>
        Assert.Null(PageHighlight.For(2, 4, 70, 25, page, pageLength: 100));

    [Fact]
    public void Offsets_past_the_page_are_clamped_to_it() =>
        Assert.Equal(new TextRange(90, 100), PageHighlight.For(1, 1, 90, 400, page: 1, pageLength: 100));

    [Fact]
    public void An_empty_or_inverted_range_is_no_highlight()
    {
        Assert.Null(PageHighlight.For(1, 1, 50, 50, page: 1, pageLength: 100));
        Assert.Null(PageHighlight.For(1, 1, 60, 50, page: 1, pageLength: 100));
        Assert.Null(PageHighlight.For(1, 2, 100, 0, page: 1, pageLength: 100));
        Assert.Null(PageHighlight.For(1, 1, 0, 10, page: 1, pageLength: 0));
    }
}
