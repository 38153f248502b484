using System.Text;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Decodes uploaded text files: a byte order mark wins, then strict UTF-8, then Windows-1252,
/// so that a file saved by an old editor reads "café" rather than "caf\uFFFD".
/// </summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Taken from the provider directly rather than registered process-wide: no global state, and
    // Windows-1252 is a superset of Latin-1's printable range, which is what such files really are.
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? Encoding.Latin1;

    /// <summary>Decodes <paramref name="bytes"/> and normalises line endings to '\n'.</summary>
    /// <exception cref="DocumentParseException">The file is empty or holds only whitespace.</exception>
    public static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        var text = NormalizeLineEndings(Decode(bytes));
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DocumentParseException(ParseMessages.Empty);
        }
        return text;
    }

    internal static string Decode(ReadOnlySpan<byte> bytes)
    {
        var (encoding, bomLength) = DetectBom(bytes);
        if (encoding is not null)
        {
            return encoding.GetString(bytes[bomLength..]);
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(bytes);
        }
    }

    /// <summary>The encoding announced by a byte order mark, and the mark's length.</summary>
    internal static (Encoding? Encoding, int BomLength) DetectBom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false, false), 3);
        }
        // UTF-32 LE must be tested before UTF-16 LE: it starts with the same two bytes.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }
        return (null, 0);
    }

    internal static string NormalizeLineEndings(string text)
    {
        if (!text.Contains('\r'))
        {
            return text;
        }
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}
