using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Tests.Shared.Documents;

public class PrincipalsTests
{
    [Fact]
    public void No_audience_means_everyone() => Assert.Equal([Principals.Everyone], Principals.ParseAudience(null));

    [Fact]
    public void Groups_are_parsed_from_comma_separated_values() =>
        Assert.Equal(["group:Finance", "group:HR"], Principals.ParseAudience(["HR, Finance", "hr"]));

    [Fact]
    public void Everyone_wins_over_groups() => Assert.Equal([Principals.Everyone], Principals.ParseAudience(["HR,everyone"]));

    [Fact]
    public void A_member_of_a_group_reads_that_group_and_everyone_documents_only()
    {
        var filter = new SearchFilter(Principals.ForGroups(["Engineering"]));

        Assert.True(filter.AllowsAudience([Principals.Everyone]));
        Assert.True(filter.AllowsAudience(["group:engineering"]));
        Assert.False(filter.AllowsAudience(["group:HR"]));
        Assert.False(filter.AllowsAudience([]));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("  ..  ", "untitled")]
    [InlineData("a\u0000b.md", "ab.md")]
    public void Document_names_lose_directories_and_control_characters(string input, string expected) =>
        Assert.Equal(expected, DocumentNames.Clean(input));
}
