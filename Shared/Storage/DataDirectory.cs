namespace KnowledgePortal.Shared.Storage;

/// <summary>The resolved data directory and the well-known paths inside it.</summary>
public sealed class DataDirectory
{
    public DataDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Root = Path.GetFullPath(path);
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "knowledge.db");

    public string OriginalsPath => Path.Combine(Root, "originals");

    /// <summary>Creates the directory tree; fails with a clear message when the location is not writable.</summary>
    public void EnsureExists()
    {
        try
        {
            Directory.CreateDirectory(Root);
            Directory.CreateDirectory(OriginalsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot create the data directory '{Root}': {e.Message}", e);
        }
    }
}
