using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.KeywordSearch;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Shared.KeywordSearch;

public class SqliteKeywordIndexTests
{
    private static DocumentSubmission Note(string name, string text, params string[] audience) =>
        new(name, Encoding.UTF8.GetBytes(text), audience.Length == 0 ? null : audience);

    private static async Task IngestNotesAsync(TestKnowledgeBase kb)
    {
        var notes = Enumerable.Range(0, 6)
            .Select(i => Note($"parking-{i}.txt", $"Parking rule {i}: the staff garage opens early and closes late on weekday {i}."))
            .Append(Note("bikes.txt", "Bicycles go in the basement rack; the garage is for cars."))
            .ToArray();
        await kb.IngestAsync(notes);
    }

    [Fact]
    public async Task Common_words_are_left_out_only_when_the_postings_budget_is_exceeded()
    {
        await using var generous = await TestKnowledgeBase.CreateAsync();
        await IngestNotesAsync(generous);
        await using var tight = await TestKnowledgeBase.CreateAsync(new Dictionary<string, string> { ["KnowledgePortal:Retrieval:KeywordPostingsBudget"] = "1" });
        await IngestNotesAsync(tight);

        // "garage" is in all seven notes, "basement" in one.
        var all = await generous.SearchAsync("garage basement", top: 10, mode: RetrievalMode.Keyword);
        var budgeted = await tight.SearchAsync("garage basement", top: 10, mode: RetrievalMode.Keyword);

        Assert.Equal(7, all.Count);
        Assert.Equal("bikes.txt", all[0].DocumentName);
        var only = Assert.Single(budgeted);
        Assert.Equal("bikes.txt", only.DocumentName);
        // A question of only words past the budget is left to the vector search: no keyword hits, still answers.
        Assert.Empty(await tight.SearchAsync("garage", top: 10, mode: RetrievalMode.Keyword));
        Assert.NotEmpty(await tight.SearchAsync("garage", top: 10, mode: RetrievalMode.Hybrid));
    }

    [Fact]
    public async Task Keyword_search_never_returns_a_chunk_the_caller_may_not_read_and_fills_the_list_with_readable_ones()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        await kb.IngestAsync(
            Note("salaries.txt", "Zephyr salary band seven pays 187,500 euros a year.", "HR"),
            Note("bands.txt", "Salary bands are reviewed every spring by the compensation team."),
            Note("zephyr.txt", "Zephyr is the code name of the new office building."));

        var engineer = await kb.SearchAsync("Zephyr salary band", new SearchFilter(Principals.ForGroups(["Engineering"])), top: 5, RetrievalMode.Keyword);
        var hr = await kb.SearchAsync("Zephyr salary band", new SearchFilter(Principals.ForGroups(["HR"])), top: 5, RetrievalMode.Keyword);

        Assert.Equal(["bands.txt", "zephyr.txt"], engineer.Select(p => p.DocumentName).Order());
        Assert.DoesNotContain(engineer, p => p.Text.Contains("187,500", StringComparison.Ordinal));
        Assert.Equal("salaries.txt", hr[0].DocumentName);
    }
}
