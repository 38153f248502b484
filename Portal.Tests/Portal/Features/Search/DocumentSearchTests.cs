using System.Globalization;
using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Portal.Features.Search;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Features.Search;

/// <summary>
/// Three guides of <see cref="Sections"/> one-section passages each, all about reimbursement claims:
/// more matching passages than one search returns, so the top <see cref="DocumentSearch.PassagesPerSearch"/>
/// over all three holds only part of each guide, and a search narrowed to one guide holds all of it.
/// </summary>
public sealed class ThreeLongGuides : IAsyncLifetime
{
    public const int Sections = 30;

    public static readonly string[] Names = ["travel-guide.md", "dental-guide.md", "training-guide.md"];

    public TestKnowledgeBase KnowledgeBase { get; private set; } = null!;

    public IReadOnlyList<Guid> DocumentIds { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        // One passage per section: small sections would otherwise run on into each other.
        KnowledgeBase = await TestKnowledgeBase.CreateAsync(new Dictionary<string, string> { ["KnowledgePortal:Chunking:MinTokens"] = "1" });
        var results = await KnowledgeBase.IngestAsync([.. Names.Select(Guide)]);
        DocumentIds = [.. results.Select(r => r.DocumentId!.Value)];
    }

    private static DocumentSubmission Guide(string name)
    {
        var subject = name.Split('-')[0];
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# {subject} claims\n\n");
        for (var i = 1; i <= Sections; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Step {i}\n\nStep {i} of a {subject} reimbursement claim: attach receipt number {i * 7} before day {i + 3}.\n\n");
        }
        return new DocumentSubmission(name, Encoding.UTF8.GetBytes(text.ToString()));
    }

    public async ValueTask DisposeAsync() => await KnowledgeBase.DisposeAsync();
}

public sealed class DocumentSearchTests(ThreeLongGuides guides) : IClassFixture<ThreeLongGuides>
{
    private const string Text = "reimbursement claim receipt";

    private DocumentSearch Search => new(
        guides.KnowledgeBase.Services.GetRequiredService<HybridRetriever>(),
        guides.KnowledgeBase.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>(),
        TimeProvider.System);

    private Task<SearchResults> SearchAsync(SearchQuery query) => Search.SearchAsync(query, SearchFilter.Everyone, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Filtered_to_a_source_the_facet_counts_the_passages_the_results_show()
    {
        var guide = guides.DocumentIds[0];
        var everything = await SearchAsync(new SearchQuery { Text = Text });
        var unfilteredShare = everything.Sources.Single(s => s.Value == guide).Count;

        var filtered = await SearchAsync(new SearchQuery { Text = Text }.ToggleDocument(guide));

        // The point of the test: the narrowed search finds more of the guide than its share of the wide one.
        Assert.True(unfilteredShare < filtered.TotalPassages, $"{unfilteredShare} passages unfiltered, {filtered.TotalPassages} filtered");
        var facet = filtered.Sources.Single(s => s.Selected);
        Assert.Equal(guide, facet.Value);
        Assert.Equal(filtered.TotalPassages, facet.Count);
        Assert.Equal(filtered.TotalPassages, filtered.Documents.Sum(d => d.Passages.Count));
    }

    [Fact]
    public async Task A_source_outside_the_date_filter_counts_no_passages_as_the_results_show_none()
    {
        var guide = guides.DocumentIds[1];

        var filtered = await SearchAsync(new SearchQuery { Text = Text }.ToggleDocument(guide).WithDate(IndexedWithin.Older));

        Assert.Equal(0, filtered.TotalPassages);
        var facet = Assert.Single(filtered.Sources);
        Assert.Equal((guide, 0, true), (facet.Value, facet.Count, facet.Selected));
    }

    [Fact]
    public async Task A_source_titled_apart_from_its_file_name_carries_the_file_name_to_tell_it_apart()
    {
        var results = await SearchAsync(new SearchQuery { Text = Text });

        var travel = results.Sources.Single(s => s.Value == guides.DocumentIds[0]);
        Assert.Equal("travel claims", travel.Label);
        Assert.Equal("travel claims (travel-guide.md)", travel.FullLabel);
    }
}
