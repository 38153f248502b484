using Microsoft.Data.Sqlite;

namespace KnowledgePortal.Shared.Storage;

public static class SqliteConnectionStrings
{
    /// <summary>
    /// A connection string for the knowledge database. The portal and `kp` may use the file at the same
    /// time: WAL (set by the initializer) lets readers run beside a writer, and the default timeout
    /// makes a writer wait for the other's transaction instead of failing with "database is locked".
    /// </summary>
    public static string For(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();
}
