namespace KnowledgePortal.Shared.Storage;

/// <summary>How EF Core's SQLite provider stores a Guid (upper-case text), for hand-written SQL that compares with it.</summary>
public static class SqliteGuid
{
    public static string Format(Guid id) => id.ToString("D").ToUpperInvariant();
}
