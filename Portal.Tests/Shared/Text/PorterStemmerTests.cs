using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Shared.Text;
using Microsoft.Data.Sqlite;

namespace KnowledgePortal.Tests.Shared.Text;

public class PorterStemmerTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("hopeful", "hope")]
    [InlineData("reimbursement", "reimburs")]
    [InlineData("authorization", "author")]
    [InlineData("agreed", "agre")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("sky", "sky")]
    [InlineData("café", "café")]
    public void Stems_as_porter_defined(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    /// <summary>The stems must be the keyword index's own, or looking up how common a word is would miss.</summary>
    [Fact]
    public void Agrees_with_sqlite_fts5_porter_on_the_corpus_vocabulary()
    {
        var words = QueryTerms.Words(File.ReadAllText(TestSupport.Corpus.File("questions.jsonl")))
            .Where(w => w.All(char.IsAsciiLetterLower))
            .Distinct()
            .ToList();
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2'); " +
                                 "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');";
            create.ExecuteNonQuery();
        }
        var mismatches = new List<string>();
        using var insert = connection.CreateCommand();
        insert.CommandText = "DELETE FROM t; INSERT INTO t(x) VALUES ($w); SELECT term FROM v;";
        var parameter = insert.CreateParameter();
        parameter.ParameterName = "$w";
        insert.Parameters.Add(parameter);
        foreach (var word in words)
        {
            parameter.Value = word;
            var sqlite = (string)insert.ExecuteScalar()!;
            if (sqlite != PorterStemmer.Stem(word))
            {
                mismatches.Add($"{word}: sqlite {sqlite}, ours {PorterStemmer.Stem(word)}");
            }
        }
        Assert.True(words.Count > 1000, $"only {words.Count} words");
        Assert.Empty(mismatches);
    }
}
