using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Tests.Shared.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("dental\nvision", "dental vision")]
    [InlineData("  a \t\r\n b\u00A0c  ", "a b c")]
    [InlineData("reim\u00ADbursement", "reimbursement")]
    [InlineData("line\u2028break", "line break")]
    [InlineData("", "")]
    public void Collapses_every_kind_of_whitespace_to_one_space(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.CollapseWhitespace(input));
}
