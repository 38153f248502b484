using KnowledgePortal.Shared.Evaluation;

namespace KnowledgePortal.Tests.Shared.Evaluation;

/// <summary>The scoring rules of `kp eval` and the bench: the corpus README's page rule, the file rule, and the figures.</summary>
public sealed class GoldenSetTests
{
    [Fact]
    public void A_passage_hits_when_its_pages_include_the_cited_page_or_the_next_and_any_page_when_none_is_cited()
    {
        var paged = new GoldenCitation("Handbook.pdf", 7);
        Assert.True(paged.IsHitBy("handbook.PDF", 7, 7));
        Assert.True(paged.IsHitBy("Handbook.pdf", 8, 9)); // the answer ran onto the next page
        Assert.True(paged.IsHitBy("Handbook.pdf", 5, 7));
        Assert.False(paged.IsHitBy("Handbook.pdf", 9, 10));
        Assert.False(paged.IsHitBy("Other.pdf", 7, 7));
        var filed = new GoldenCitation("2023 Q1 AAPL.pdf", null);
        Assert.True(filed.IsHitBy("2023 Q1 AAPL.pdf", 40, 41));
        Assert.False(filed.IsHitBy("2023 Q2 AAPL.pdf", 1, 1));
    }

    [Fact]
    public void The_figures_count_ranks_single_file_hits_and_the_share_of_cited_files_found()
    {
        var questions = GoldenSet.Parse(
        [
            """{"id": "a", "question": "first?", "citations": [{"file": "A.pdf", "page": 2}]}""",
            """{"id": "b", "question": "second?", "citations": [{"file": "B.pdf", "page": 1}]}""",
            """{"id": "m", "question": "over time?", "citations": [{"file": "Q1.pdf", "page": null}, {"file": "Q2.pdf"}, {"file": "Q3.pdf"}, {"file": "Q4.pdf"}]}""",
            """{"id": "u", "question": "not answerable?"}""",
        ], "set.jsonl");
        var report = new EvaluationReport(
        [
            questions[0].Score([new("A.pdf", 2, 2)]),                                               // rank 1
            questions[1].Score([new("X.pdf", 1, 1), new("X.pdf", 2, 2), new("B.pdf", 1, 1)]),      // rank 3
            questions[2].Score([new("Q2.pdf", 5, 5), new("Q2.pdf", 6, 6), new("Q4.pdf", 1, 1)]),   // rank 1, 2 of 4 files
            questions[3].Score([new("A.pdf", 1, 1)]),                                               // no citations: not scored
        ]);

        Assert.Equal(3, report.Questions);
        Assert.Equal(2.0 / 3, report.HitAt(1), 6);
        Assert.Equal(1.0, report.HitAt(5), 6);
        Assert.Equal(2.0 / 3, report.HitAt(2), 6);
        Assert.Equal((1 + (1.0 / 3) + 1) / 3, report.MrrAt(10), 6);
        Assert.Equal(2.0 / 3, report.MrrAt(2), 6); // rank 3 is past the cut
        Assert.Equal(2, report.SingleFileQuestions);
        Assert.Equal(1.0, report.SingleFileHitAt(5), 6);
        Assert.Equal(0.5, report.MultiFileCoverage, 6);
        Assert.Equal("X.pdf p. 1", report.Outcomes[1].RankedFirst?.ToString());
        Assert.Equal(["b"], report.MissesAt(2).Select(m => m.Question.Id));
    }

    [Theory]
    [InlineData("not json", "set.jsonl line 2 is not JSON")]
    [InlineData("""{"id": "x"}""", "set.jsonl line 2 has no \"question\"")]
    [InlineData("""{"question": "q", "citations": [{"page": 3}]}""", "set.jsonl line 2 has a citation without \"file\"")]
    [InlineData("""{"question": "q", "citations": [{"file": "a.pdf", "page": 0}]}""", "set.jsonl line 2 has a citation without \"file\" or with a page")]
    [InlineData("""{"question": "q", "citations": "a.pdf"}""", "set.jsonl line 2 has \"citations\" that is not a list")]
    public void A_bad_line_is_refused_with_its_number(string line, string message)
    {
        var error = Assert.Throws<GoldenSetFormatException>(() => GoldenSet.Parse(["""{"question": "fine?"}""", line], "set.jsonl"));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void An_empty_set_is_refused_and_blank_lines_and_extra_fields_are_ignored()
    {
        Assert.Throws<GoldenSetFormatException>(() => GoldenSet.Parse(["", "  "], "empty.jsonl"));
        var set = GoldenSet.Parse(["", """{"id": 7, "question": "q?", "truth": "t", "type": "Multi-Doc RAG"}""", ""], "s.jsonl");
        Assert.Equal("7", Assert.Single(set).Id);
    }
}
