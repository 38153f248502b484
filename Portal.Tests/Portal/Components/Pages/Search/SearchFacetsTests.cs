using Bunit;
using KnowledgePortal.Portal.Components.Pages.Search;
using KnowledgePortal.Portal.Features.Search;
using MudBlazor.Services;

namespace KnowledgePortal.Tests.Portal.Components.Pages.Search;

/// <summary>The source facet's entries are cut to the column's width; the full name must still reach the reader.</summary>
public sealed class SearchFacetsTests : BunitContext
{
    private const string LongTitle = "PerksPlus Health and Wellness Reimbursement Program for Contoso Electronics";

    private static readonly Guid Handbook = Guid.Parse("6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f");
    private static readonly Guid Faq = Guid.Parse("7a2d2e3f-4b5c-4d6e-9fa0-1b2c3d4e5f60");

    public SearchFacetsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<SearchFacets> RenderSources(params FacetValue<Guid>[] sources)
    {
        var query = new SearchQuery { Text = "perksplus" }.ToggleDocument(sources[0].Value);
        var results = SearchResults.Empty with { Sources = sources, TotalDocuments = 1, TotalPassages = sources[0].Count };
        return Render<SearchFacets>(p => p.Add(c => c.Query, query).Add(c => c.Results, results));
    }

    [Fact]
    public void A_long_source_name_is_the_title_and_the_accessible_name_of_its_entry()
    {
        var cut = RenderSources(new FacetValue<Guid>(Handbook, LongTitle, 23, Selected: true, "PerksPlus.pdf"));

        var entry = cut.Find("[data-testid=facet-source]");
        Assert.Equal($"{LongTitle} (PerksPlus.pdf)", entry.GetAttribute("title"));
        Assert.Equal($"{LongTitle} (PerksPlus.pdf), 23 passages, applied", entry.GetAttribute("aria-label"));
        Assert.Equal(LongTitle, entry.QuerySelector(".search-source-name")!.TextContent);
    }

    [Fact]
    public void Two_sources_with_the_same_title_are_told_apart_by_their_file_names()
    {
        var cut = RenderSources(
            new FacetValue<Guid>(Handbook, LongTitle, 23, Selected: true, "PerksPlus.pdf"),
            new FacetValue<Guid>(Faq, LongTitle, 4, Selected: false, "perksplus-faq.md"));

        var entries = cut.FindAll("[data-testid=facet-source]");
        Assert.Equal(2, entries.Count);
        Assert.NotEqual(entries[0].GetAttribute("title"), entries[1].GetAttribute("title"));
        Assert.NotEqual(entries[0].GetAttribute("aria-label"), entries[1].GetAttribute("aria-label"));
    }
}
