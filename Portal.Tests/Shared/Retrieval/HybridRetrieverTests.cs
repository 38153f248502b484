using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Shared.Retrieval;

public class HybridRetrieverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentSubmission Note(string name, string text, params string[] audience) =>
        new(name, Encoding.UTF8.GetBytes(text), audience.Length == 0 ? null : audience);

    private static readonly SearchFilter Engineer = new(Principals.ForGroups(["Engineering"]));
    private static readonly SearchFilter HrMember = new(Principals.ForGroups(["HR"]));

    [Fact]
    public async Task Vector_search_filters_by_audience_inside_the_search_and_still_fills_the_list()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        await kb.IngestAsync(
            Note("salaries.txt", "Salary bands: senior engineers earn between 150,000 and 190,000 euros.", "HR"),
            Note("travel.txt", "Travel: book economy flights and keep your receipts."),
            Note("laptops.txt", "Engineers get a new laptop every three years."));

        var engineer = await kb.SearchAsync("How much do senior engineers earn?", Engineer, top: 5, RetrievalMode.Vector);
        var hr = await kb.SearchAsync("How much do senior engineers earn?", HrMember, top: 5, RetrievalMode.Vector);

        Assert.Equal(2, engineer.Count);
        Assert.DoesNotContain(engineer, p => p.DocumentName == "salaries.txt");
        Assert.Equal("salaries.txt", hr[0].DocumentName);
    }

    [Fact]
    public async Task Changing_a_documents_audience_takes_effect_on_the_next_query()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var salaries = Note("salaries.txt", "Salary bands: senior engineers earn between 150,000 and 190,000 euros.");
        await kb.IngestAsync(salaries);
        Assert.NotEmpty(await kb.SearchAsync("senior engineer salary", Engineer));

        var result = await kb.Intake.SubmitAsync(salaries with { Audience = ["HR"] }, Ct);

        Assert.Equal(IntakeOutcome.Unchanged, result.Outcome);
        Assert.Empty(await kb.SearchAsync("senior engineer salary", Engineer, mode: RetrievalMode.Vector));
        Assert.Empty(await kb.SearchAsync("senior engineer salary", Engineer, mode: RetrievalMode.Keyword));
        Assert.NotEmpty(await kb.SearchAsync("senior engineer salary", HrMember));
    }

    [Fact]
    public async Task A_second_process_on_the_same_data_directory_sees_new_and_deleted_documents_on_its_next_query()
    {
        await using var writer = await TestKnowledgeBase.CreateAsync();
        await writer.IngestAsync(Note("travel.txt", "Travel: book economy flights and keep your receipts."));
        await using var reader = await TestKnowledgeBase.CreateAsync(dataDir: writer.DataDir);
        Assert.Single(await reader.SearchAsync("economy flights", mode: RetrievalMode.Vector));

        var added = await writer.IngestAsync(Note("parking.txt", "Parking: the garage opens at seven."));
        Assert.Contains(await reader.SearchAsync("When does the garage open?", mode: RetrievalMode.Vector), p => p.DocumentName == "parking.txt");

        await writer.Services.GetRequiredService<DocumentRemover>().DeleteAsync(added[0].DocumentId!.Value, Ct);
        Assert.DoesNotContain(await reader.SearchAsync("When does the garage open?", mode: RetrievalMode.Vector), p => p.DocumentName == "parking.txt");
    }

    [Fact]
    public async Task Filters_by_document_and_kind()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var ids = await kb.IngestAsync(
            Note("travel.txt", "Travel: book economy flights and keep your receipts."),
            Note("travel.md", "# Travel\n\nBusiness class needs a vice president's approval for long flights."));

        var markdownOnly = await kb.SearchAsync("flights", new SearchFilter(Principals.EveryoneOnly, Kinds: [DocumentKind.Markdown]));
        var oneDocument = await kb.SearchAsync("flights", new SearchFilter(Principals.EveryoneOnly, DocumentIds: [ids[0].DocumentId!.Value]));

        Assert.All(markdownOnly, p => Assert.Equal("travel.md", p.DocumentName));
        Assert.All(oneDocument, p => Assert.Equal("travel.txt", p.DocumentName));
        Assert.NotEmpty(markdownOnly);
        Assert.NotEmpty(oneDocument);
    }
}
