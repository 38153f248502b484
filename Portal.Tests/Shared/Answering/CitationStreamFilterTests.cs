using KnowledgePortal.Shared.Answering;

namespace KnowledgePortal.Tests.Shared.Answering;

public sealed class CitationStreamFilterTests
{
    /// <summary>Feeds <paramref name="pieces"/> one by one and returns what was shown after each, plus the flush.</summary>
    private static List<string> Stream(int sources, params string[] pieces)
    {
        var filter = new CitationStreamFilter(sources);
        var shown = pieces.Select(filter.Push).ToList();
        shown.Add(filter.Flush());
        return shown;
    }

    [Fact]
    public void Holds_a_partial_marker_until_it_is_complete()
    {
        var shown = Stream(3, "Dental is covered [", "2", "] twice a year.");

        Assert.Equal("Dental is covered", shown[0]);
        Assert.Equal("", shown[1]);
        Assert.Equal(" [2] twice a year.", shown[2]);
    }

    [Fact]
    public void Never_shows_a_marker_that_points_outside_the_sources()
    {
        var shown = Stream(3, "Dental is covered [1", "2]. Gym fees too [", "9][2].");

        Assert.Equal("Dental is covered. Gym fees too [2].", string.Concat(shown));
        Assert.DoesNotContain(shown, s => s.Contains("[12", StringComparison.Ordinal) || s.Contains("[9", StringComparison.Ordinal) || s.Contains("[1", StringComparison.Ordinal));
    }

    [Fact]
    public void Removes_an_invalid_marker_as_if_it_had_never_been_there()
    {
        Assert.Equal("It costs $5. Next.", string.Concat(Stream(2, "It costs $5 [7]. Next.")));
        Assert.Equal("covered twice a year", string.Concat(Stream(2, "covered [0] twice a year")));
        Assert.Equal("fees [2] are paid", string.Concat(Stream(2, "fees [9][2] are paid")));
        Assert.Equal("fees are paid", string.Concat(Stream(2, "fees[9] are paid")));
    }

    [Fact]
    public void Keeps_a_line_break_before_a_removed_marker()
    {
        Assert.Equal("First.\nSecond [1].", string.Concat(Stream(1, "First.\n[4] Second [1].")));
    }

    [Fact]
    public void Writes_a_marker_with_several_numbers_as_single_markers_keeping_only_valid_ones()
    {
        Assert.Equal("Covered [1][3].", string.Concat(Stream(3, "Covered [1, 3].")));
        Assert.Equal("Covered [2][1].", string.Concat(Stream(3, "Covered [2;", " 7; 1, 2].")));
        Assert.Equal("Covered [1][2].", string.Concat(Stream(3, "Covered [1][2].")));
    }

    [Theory]
    [InlineData("See [note] below.")]
    [InlineData("In [2024] it changed.")]
    [InlineData("Empty [] and [ ] brackets.")]
    [InlineData("A list [1, ] and [,2] are not markers.")]
    [InlineData("Two numbers [1 2] are not a marker.")]
    [InlineData("Markdown [link](https://example.com) stays.")]
    [InlineData("Nested [[x]] stays.")]
    public void Passes_bracketed_text_that_is_not_a_marker_through(string text)
    {
        Assert.Equal(text, string.Concat(Stream(3, text)));
    }

    [Fact]
    public void Shows_text_after_a_non_marker_bracket_without_waiting_for_more()
    {
        var filter = new CitationStreamFilter(3);

        Assert.Equal("Options [a", filter.Push("Options [a"));
        Assert.Equal("", filter.Push(" ["));
        Assert.Equal(" [b", filter.Push("b"));
    }

    [Fact]
    public void Drops_a_marker_cut_off_at_the_end_of_the_stream()
    {
        Assert.Equal("Dental is covered", string.Concat(Stream(3, "Dental is covered [1")));
        Assert.Equal("Done. ", string.Concat(Stream(3, "Done. ")));
    }

    [Fact]
    public void Gives_the_same_text_however_the_stream_is_split()
    {
        const string text = "Cleanings are covered [1]. Orthodontics are not [1, 5]. Gym fees [2][8] are reimbursed [3]. Year [2024].";
        var whole = string.Concat(Stream(3, text));
        var perCharacter = string.Concat(Stream(3, [.. text.Select(c => c.ToString())]));

        Assert.Equal("Cleanings are covered [1]. Orthodontics are not [1]. Gym fees [2] are reimbursed [3]. Year [2024].", whole);
        Assert.Equal(whole, perCharacter);
    }
}
