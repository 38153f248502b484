using KnowledgePortal.Shared.Articles;

namespace KnowledgePortal.Tests.Shared.Articles;

public class TextDiffTests
{
    [Fact]
    public void Unchanged_lines_face_each_other_and_a_replaced_line_faces_its_replacement()
    {
        var rows = TextDiff.SideBySide("# Parking\nLevel -2.\nAsk reception.\n", "# Parking\nLevel -3.\nAsk reception.\nBikes go in the cage.\n");

        Assert.Equal(
            [
                new DiffLine(1, "# Parking", 1, "# Parking"),
                new DiffLine(2, "Level -2.", 2, "Level -3."),
                new DiffLine(3, "Ask reception.", 3, "Ask reception."),
                new DiffLine(null, null, 4, "Bikes go in the cage."),
            ],
            rows);
        Assert.Equal([false, true, false, true], rows.Select(r => r.Changed));
    }

    [Fact]
    public void Removed_lines_stand_alone_on_the_left()
    {
        var rows = TextDiff.SideBySide("a\nb\nc\nd", "a\nd");

        Assert.Equal([new DiffLine(1, "a", 1, "a"), new DiffLine(2, "b", null, null), new DiffLine(3, "c", null, null), new DiffLine(4, "d", 2, "d")], rows);
    }

    [Fact]
    public void Identical_texts_have_no_changed_row_and_empty_texts_no_rows()
    {
        Assert.DoesNotContain(TextDiff.SideBySide("x\r\ny", "x\ny"), r => r.Changed);
        Assert.Empty(TextDiff.SideBySide("", null));
        Assert.Equal([new DiffLine(null, null, 1, "new")], TextDiff.SideBySide(null, "new"));
    }
}
