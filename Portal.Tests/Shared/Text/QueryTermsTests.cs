using KnowledgePortal.Shared.KeywordSearch;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Tests.Shared.Text;

public class QueryTermsTests
{
    [Fact]
    public void Keeps_content_words_once_in_order() =>
        Assert.Equal(["reimbursed", "perksplus", "gym"], QueryTerms.Extract("How do I get reimbursed through PerksPlus for the gym? PerksPlus!"));

    [Fact]
    public void Keyword_query_quotes_each_term_so_fts_syntax_in_input_is_inert()
    {
        var match = SqliteKeywordIndex.ToMatchExpression("dental NEAR(vision) \"OR\" col:x*");

        Assert.Equal("\"dental\" OR \"near\" OR \"vision\" OR \"col\" OR \"x\"", match);
    }

    [Fact]
    public void A_query_of_only_stop_words_searches_nothing() =>
        Assert.Null(SqliteKeywordIndex.ToMatchExpression("what is it?"));

    [Theory]
    [InlineData("reimbursed", "reimburs")]
    [InlineData("reimbursement", "reimburs")]
    [InlineData("plans", "plan")]
    [InlineData("gym", "gym")]
    [InlineData("réimbursé", "reimburs")]
    public void Stemming_lets_word_forms_meet_as_the_keyword_index_stores_them(string word, string stem) =>
        Assert.Equal(stem, WordStems.Of(word));
}
