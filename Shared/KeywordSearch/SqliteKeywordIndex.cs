using System.Data.Common;
using System.Text;
using System.Text.Json;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Shared.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.KeywordSearch;

/// <summary>
/// The keyword index: an FTS5 table (porter stemming, bm25) kept in the knowledge database and written
/// in the same transaction as the chunks, so keyword search never sees a half-replaced document.
/// </summary>
public sealed class SqliteKeywordIndex(IDbContextFactory<KnowledgeDbContext> contextFactory, IOptions<RetrievalOptions> options) : IKeywordIndex
{
    /// <summary>Name of the FTS5 table; its rowid is the chunk id.</summary>
    public const string Table = "ChunkSearch";

    /// <summary>The fts5vocab view of <see cref="Table"/>: how many chunks hold each (stemmed) term.</summary>
    public const string VocabularyTable = "ChunkSearchVocabulary";

    /// <summary>DDL of <see cref="VocabularyTable"/>, run by the migration that adds it.</summary>
    public const string CreateVocabularySql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS " + VocabularyTable + " USING fts5vocab(" + Table + ", 'row');";

    /// <summary>
    /// Chunk id to document id without reading the chunk rows (their vectors and text make every row a page
    /// read of its own): keyword search checks each match's audience through it, half its time on a large index.
    /// </summary>
    public const string ChunkDocumentIndex = "IX_Chunks_Id_DocumentId";

    /// <summary>DDL run by the migration that creates the table.</summary>
    public const string CreateTableSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS " + Table + " USING fts5(Text, Heading, Title, tokenize = 'porter unicode61 remove_diacritics 2');";


    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(string query, SearchFilter filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = QueryTerms.Extract(query ?? string.Empty);
        if (terms.Count == 0 || top <= 0 || filter.Principals.Count == 0)
        {
            return [];
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var match = ToMatchExpression(await AffordableTermsAsync(connection, terms, cancellationToken));
        if (match is null)
        {
            return [];
        }
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"""
            SELECT s.rowid, bm25({Table}, 1.0, $headingWeight, $titleWeight) AS rank
            FROM {Table} s
            JOIN Chunks c INDEXED BY {ChunkDocumentIndex} ON c.Id = s.rowid
            WHERE {Table} MATCH $match
              AND EXISTS (SELECT 1 FROM DocumentAudiences a WHERE a.DocumentId = c.DocumentId AND a.Principal COLLATE NOCASE IN (SELECT value FROM json_each($principals)))
            """);
        AddParameter(command, "$match", match);
        AddParameter(command, "$headingWeight", options.Value.HeadingMatchWeight);
        AddParameter(command, "$titleWeight", options.Value.TitleMatchWeight);
        AddParameter(command, "$principals", JsonSerializer.Serialize(filter.Principals));
        if (filter.DocumentIds is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each($documents) WHERE value = c.DocumentId)");
            AddParameter(command, "$documents", JsonSerializer.Serialize(filter.DocumentIds.Select(SqliteGuid.Format)));
        }
        if (filter.Kinds is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM Documents d WHERE d.Id = c.DocumentId AND d.Kind IN (SELECT value FROM json_each($kinds)))");
            AddParameter(command, "$kinds", JsonSerializer.Serialize(filter.Kinds.Select(k => k.ToString())));
        }
        sql.Append(" ORDER BY rank LIMIT $top");
        AddParameter(command, "$top", top);
        command.CommandText = sql.ToString();

        var hits = new List<ScoredChunk>(top);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // bm25() is lower-is-better and negative; flip it so every index scores higher-is-better.
            hits.Add(new ScoredChunk(reader.GetInt64(0), -reader.GetDouble(1)));
        }
        return hits;
    }

    /// <summary>Adds the chunks' rows; call inside the transaction that inserts the chunks.</summary>
    public static async Task AddAsync(KnowledgeDbContext context, string? title, IEnumerable<Chunk> chunks, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO {Table}(rowid, Text, Heading, Title) VALUES ($id, $text, $heading, $title)";
        var id = AddParameter(command, "$id", 0L);
        var text = AddParameter(command, "$text", string.Empty);
        var heading = AddParameter(command, "$heading", string.Empty);
        AddParameter(command, "$title", title ?? string.Empty);
        foreach (var chunk in chunks)
        {
            id.Value = chunk.Id;
            text.Value = chunk.Text;
            heading.Value = chunk.HeadingPath ?? string.Empty;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Removes the rows of a document's chunks; call inside the transaction that deletes them, before deleting.</summary>
    public static Task RemoveDocumentAsync(KnowledgeDbContext context, Guid documentId, CancellationToken cancellationToken) =>
        context.Database.ExecuteSqlRawAsync(
            $"DELETE FROM {Table} WHERE rowid IN (SELECT Id FROM Chunks WHERE DocumentId = {{0}})",
            [SqliteGuid.Format(documentId)],
            cancellationToken);

    /// <summary>
    /// bm25 is computed for every chunk that holds any query word, so on a large index a handful of
    /// very common words ("plan", "health") cost hundreds of milliseconds while adding little to the
    /// ranking (their idf is low). Words are taken rarest first while the chunks they touch stay within
    /// <see cref="RetrievalOptions.KeywordPostingsBudget"/>; a question made only of words that common
    /// is left to the vector search.
    /// </summary>
    private async Task<IReadOnlyList<string>> AffordableTermsAsync(DbConnection connection, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var stems = terms.ToDictionary(t => t, t => WordStems.Of(t));
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT term, doc FROM {VocabularyTable} WHERE term IN (SELECT value FROM json_each($terms))";
        AddParameter(command, "$terms", JsonSerializer.Serialize(stems.Values.Distinct()));
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                frequencies[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        var budget = options.Value.KeywordPostingsBudget;
        var chosen = new List<string>();
        long postings = 0;
        foreach (var term in terms.OrderBy(t => frequencies.GetValueOrDefault(stems[t])))
        {
            var frequency = frequencies.GetValueOrDefault(stems[term]);
            if (postings + frequency <= budget)
            {
                chosen.Add(term);
                postings += frequency;
            }
        }
        return chosen;
    }

    /// <summary>
    /// Turns plain words into an FTS5 expression that matches any content word ("a" OR "b"); quoting
    /// each term keeps user input from being read as FTS5 syntax. Null when nothing is left to search.
    /// </summary>
    internal static string? ToMatchExpression(string query) => ToMatchExpression(QueryTerms.Extract(query ?? string.Empty));

    private static string? ToMatchExpression(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return null;
        }
        return string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    private static DbParameter AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
