using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Tests.Shared.Text;

public sealed class SnippetsTests
{
    private static string Marked(IReadOnlyList<SnippetSegment> segments) =>
        string.Concat(segments.Select(s => s.IsMatch ? "[" + s.Text + "]" : s.Text));

    [Fact]
    public void Query_words_and_their_stemmed_forms_are_marked()
    {
        var segments = Snippets.Build("You are reimbursed after the Reimbursement request is approved.", "reimbursement requests");

        Assert.Equal("You are [reimbursed] after the [Reimbursement] [request] is approved.", Marked(segments));
    }

    [Fact]
    public void Stop_words_are_not_marked_but_a_query_of_only_stop_words_still_is()
    {
        Assert.Equal("[Dental] cover is in the plan.", Marked(Snippets.Build("Dental cover is in the plan.", "what is dental")));
        Assert.Equal("This is [it].", Marked(Snippets.Build("This is it.", "it")));
    }

    [Fact]
    public void Words_that_only_contain_a_query_word_are_not_marked_while_its_forms_are()
    {
        // "planning" has the stem "plan" (the keyword index finds it too); "plant" and "airplane" do not.
        Assert.Equal("[Planning] a plant by the airplane [plan].", Marked(Snippets.Build("Planning a plant by the airplane plan.", "plan")));
    }

    [Fact]
    public void Markup_stays_text_in_segments()
    {
        var segments = Snippets.Build("Use <b>bold</b> and <script>alert(1)</script> here.", "<script>alert(1)</script>");

        Assert.Equal("Use <b>bold</b> and <[script]>[alert]([1])</[script]> here.", Marked(segments));
    }

    [Fact]
    public void A_long_passage_is_cut_around_the_matches_on_word_boundaries()
    {
        var filler = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 40));
        var text = filler + " the deductible for Northwind Standard is two thousand dollars " + filler;

        var segments = Snippets.Build(text, "deductible Northwind", maxLength: 120);

        var shown = string.Concat(segments.Select(s => s.Text));
        Assert.StartsWith("…", shown, StringComparison.Ordinal);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.True(shown.Length <= 122, shown);
        Assert.Contains("[deductible] for [Northwind] Standard", Marked(segments), StringComparison.Ordinal);
        Assert.DoesNotContain(" lor…", shown, StringComparison.Ordinal);
        Assert.All(shown.Trim('…').Split(' '), word => Assert.Contains(word, text.Split(' ')));
    }

    [Fact]
    public void The_window_prefers_the_stretch_with_more_different_query_words()
    {
        var text = "Dental is mentioned here alone. " + string.Join(' ', Enumerable.Repeat("filler words", 60)) + " Dental braces for orthodontic care are covered.";

        var marked = Marked(Snippets.Build(text, "dental orthodontic braces", maxLength: 100));

        Assert.Contains("[Dental] [braces] for [orthodontic]", marked, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_is_collapsed()
    {
        Assert.Equal("Line one [ends] here and line two.", Marked(Snippets.Build("Line one\nends   here\r\n and line two.", "ends")));
    }

    [Fact]
    public void Accented_words_match_unaccented_queries()
    {
        Assert.Equal("The [café] opens at eight.", Marked(Snippets.Build("The café opens at eight.", "cafe")));
    }
}
