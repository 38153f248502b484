using KnowledgePortal.Shared.Answering;

namespace KnowledgePortal.Tests.Shared.Answering;

public sealed class CitationParserTests
{
    private static readonly IReadOnlyList<KnowledgePortal.Shared.Retrieval.Passage> Sources = TestPassages.Benefits();

    [Fact]
    public void Keeps_citations_of_retrieved_sources_and_drops_the_rest()
    {
        var cited = CitationParser.Parse(
            "Northwind Standard covers dental cleanings twice a year [1]. PerksPlus pays for gym memberships [2][9]. The moon is cheese [4].",
            Sources);

        Assert.Equal(
            "Northwind Standard covers dental cleanings twice a year [1]. PerksPlus pays for gym memberships [2]. The moon is cheese.",
            cited.Text);
        Assert.Equal([1, 2], cited.Citations.Select(c => c.Number));
        Assert.Same(Sources[0], cited.Citations[0].Passage);
        Assert.Same(Sources[1], cited.Citations[1].Passage);
    }

    [Fact]
    public void Numbers_sources_one_to_n_in_order_of_first_citation_and_lists_each_once()
    {
        var cited = CitationParser.Parse("Gym fees are reimbursed [2]. Cleanings are covered [1, 2]. Deductible [3][1].", Sources);

        // The model cited by retrieval rank (2, 1, 3); the reader sees 1, 2, 3 in reading order.
        Assert.Equal([1, 2, 3], cited.Citations.Select(c => c.Number));
        Assert.Equal([Sources[1], Sources[0], Sources[2]], cited.Citations.Select(c => c.Passage));
        Assert.Equal("Gym fees are reimbursed [1]. Cleanings are covered [2][1]. Deductible [3][2].", cited.Text);
    }

    [Fact]
    public void The_only_source_of_an_answer_is_source_1_whatever_its_rank()
    {
        var cited = CitationParser.Parse("The deductible is 500 dollars a year [3].", Sources);

        Assert.Equal("The deductible is 500 dollars a year [1].", cited.Text);
        Assert.Same(Sources[2], Assert.Single(cited.Citations).Passage);
        Assert.Equal(1, cited.Citations[0].Number);
    }

    [Fact]
    public void Quotes_the_sentence_of_the_passage_that_supports_the_claim()
    {
        var cited = CitationParser.Parse(
            "Orthodontic treatment is not covered by the Standard plan [1]. Receipts go through the benefits portal within 90 days [2].",
            Sources);

        Assert.Equal("Orthodontic treatment is not covered by Northwind Standard.", cited.Citations[0].Quote);
        Assert.Equal("Submit receipts through the benefits portal within 90 days.", cited.Citations[1].Quote);
    }

    [Fact]
    public void Finds_the_claim_of_a_marker_placed_after_the_full_stop()
    {
        var cited = CitationParser.Parse("You have a separate deductible for out-of-network care. [3]", Sources);

        Assert.Equal("Out-of-network care has a separate deductible.", Assert.Single(cited.Citations).Quote);
    }

    [Fact]
    public void Quotes_at_most_a_few_hundred_characters_of_a_long_sentence()
    {
        var longSentence = "The plan covers " + string.Join(", ", Enumerable.Range(1, 80).Select(i => $"service {i}")) + ".";
        var cited = CitationParser.Parse("It covers service 42 [1].", [TestPassages.Create(longSentence)]);

        var quote = Assert.Single(cited.Citations).Quote;
        Assert.True(quote.Length <= CitationParser.MaxQuoteLength + 1, quote);
        Assert.EndsWith("…", quote, StringComparison.Ordinal);
        Assert.StartsWith("The plan covers service 1,", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_without_markers_has_no_citations()
    {
        var cited = CitationParser.Parse("  I could not find this in the knowledge base.  ", Sources);

        Assert.Equal("I could not find this in the knowledge base.", cited.Text);
        Assert.Empty(cited.Citations);
    }

    [Fact]
    public void With_no_sources_every_marker_is_dropped()
    {
        var cited = CitationParser.Parse("Cleanings are covered [1].", []);

        Assert.Equal("Cleanings are covered.", cited.Text);
        Assert.Empty(cited.Citations);
    }

    [Fact]
    public void Strips_markers_from_text_reused_without_its_sources()
    {
        Assert.Equal("Cleanings are covered. Gym fees too.", CitationParser.StripMarkers("Cleanings are covered [1]. Gym fees too [2][3]."));
    }
}
