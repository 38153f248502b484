using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Tests.Shared.Text;

public class SentenceSplitterTests
{
    private static List<string> Sentences(string text) => SentenceSplitter.Split(text).Select(r => text[r]).ToList();

    [Fact]
    public void Splits_at_sentence_ends_and_keeps_positions()
    {
        const string text = "  Copays apply. Dental is covered!  Is vision covered? Yes.";

        var ranges = SentenceSplitter.Split(text);

        Assert.Equal(["Copays apply.", "Dental is covered!", "Is vision covered?", "Yes."], ranges.Select(r => text[r]));
        Assert.Equal(2, ranges[0].Start.Value);
    }

    [Theory]
    [InlineData("Bring forms, e.g. The W-2 and receipts.")]
    [InlineData("The deductible is $1.500 per year.")]
    [InlineData("Contact Dr. Smith for details.")]
    [InlineData("See J. Doe for approval.")]
    [InlineData("Visit contoso.com to enrol.")]
    public void Does_not_split_at_abbreviations_decimals_or_initials(string text) =>
        Assert.Single(Sentences(text));

    [Fact]
    public void A_blank_line_ends_a_sentence_without_punctuation() =>
        Assert.Equal(["Eligibility", "All employees qualify."], Sentences("Eligibility\n\nAll employees qualify."));

    [Fact]
    public void Closing_quotes_stay_with_their_sentence() =>
        Assert.Equal(["He said \"stop.\"", "Then left."], Sentences("He said \"stop.\" Then left."));

    [Fact]
    public void Blank_text_has_no_sentences() => Assert.Empty(SentenceSplitter.Split(" \n\t "));
}
