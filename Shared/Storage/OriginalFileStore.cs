using System.Security.Cryptography;

namespace KnowledgePortal.Shared.Storage;

/// <summary>
/// Keeps the original bytes of every ingested version, named by their SHA-256, so the viewer can
/// serve the file and a resumed or re-index job can read it again even if the source has moved.
/// </summary>
public sealed class OriginalFileStore(DataDirectory dataDirectory)
{
    /// <summary>SHA-256 of <paramref name="content"/> as lower-case hex, the name under which it is stored.</summary>
    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Stores the content (no-op when already stored) and returns its hash.</summary>
    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var hash = HashOf(content.Span);
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return hash;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write to a temporary name and move, so a crash never leaves a truncated original under the real name.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another process stored the same content first
        }
        return hash;
    }

    public bool Exists(string hash) => File.Exists(PathOf(hash));

    public Task<byte[]> ReadAsync(string hash, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(PathOf(hash), cancellationToken);

    public Stream OpenRead(string hash) =>
        new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    public void Delete(string hash)
    {
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Where the original with this hash is (or would be) stored, for tools that read files by path.</summary>
    public string PathOf(string hash)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 hash.", nameof(hash));
        }
        return Path.Combine(dataDirectory.OriginalsPath, hash[..2], hash);
    }
}
