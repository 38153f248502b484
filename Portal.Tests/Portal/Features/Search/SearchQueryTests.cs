using KnowledgePortal.Portal.Features.Search;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Tests.Portal.Features.Search;

public sealed class SearchQueryTests
{
    private static readonly Guid Doc = Guid.Parse("0c5e4f4e-1b7d-4a43-9a55-0d7b3b3c9a11");

    [Fact]
    public void The_address_round_trips()
    {
        var query = SearchQuery.Parse("dental & vision", ["pdf", "MARKDOWN"], [Doc.ToString()], "30d", "3");

        Assert.Equal($"/search?q=dental%20%26%20vision&kind=pdf&kind=markdown&doc={Doc}&date=30d&p=3", query.ToUrl());
        var again = SearchQuery.Parse("dental & vision", ["pdf", "markdown"], [Doc.ToString()], "30d", "3");
        Assert.Equal(query.ToUrl(), again.ToUrl());
    }

    [Fact]
    public void Malformed_values_are_ignored()
    {
        var query = SearchQuery.Parse("  x  ", ["exe", "7", null], ["not-a-guid", null], "yesterday", "-4");

        Assert.Equal("x", query.Text);
        Assert.Empty(query.Kinds);
        Assert.Empty(query.DocumentIds);
        Assert.Equal(IndexedWithin.Any, query.Date);
        Assert.Equal(1, query.Page);
        Assert.False(query.HasFilters);
    }

    [Fact]
    public void Toggling_a_filter_adds_or_removes_it_and_goes_back_to_the_first_page()
    {
        var query = SearchQuery.Parse("x", null, null, null, "4");

        var withPdf = query.ToggleKind(DocumentKind.Pdf);
        Assert.Equal("/search?q=x&kind=pdf", withPdf.ToUrl());
        Assert.Equal("/search?q=x", withPdf.ToggleKind(DocumentKind.Pdf).ToUrl());
        Assert.Equal($"/search?q=x&doc={Doc}", query.ToggleDocument(Doc).ToUrl());
        Assert.Equal("/search?q=x&date=7d", query.WithDate(IndexedWithin.Week).ToUrl());
        Assert.Equal("/search?q=x", query.WithDate(IndexedWithin.Week).WithDate(IndexedWithin.Week).ToUrl());
        Assert.Equal("/search?q=x", withPdf.ToggleDocument(Doc).WithDate(IndexedWithin.Older).WithoutFilters().ToUrl());
        Assert.Equal("/search?q=x&p=2", query.AtPage(2).ToUrl());
    }

    [Theory]
    [InlineData(IndexedWithin.Week, 6, true)]
    [InlineData(IndexedWithin.Week, 8, false)]
    [InlineData(IndexedWithin.Month, 29, true)]
    [InlineData(IndexedWithin.Year, 364, true)]
    [InlineData(IndexedWithin.Year, 366, false)]
    [InlineData(IndexedWithin.Older, 366, true)]
    [InlineData(IndexedWithin.Older, 2, false)]
    [InlineData(IndexedWithin.Any, 5000, true)]
    public void Date_ranges_count_back_from_now(IndexedWithin range, int daysAgo, bool included)
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(included, range.Includes(now.AddDays(-daysAgo), now));
    }
}
