using System.IO.Compression;
using System.IO.Packaging;
using DocumentFormat.OpenXml.Packaging;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Opens .docx and .pptx packages safely: a ZIP's parts are measured before any is read, so a
/// small file that unpacks to gigabytes of XML (a "zip bomb") fails with a message instead of
/// taking the worker's memory, and damaged packages fail as damaged.
/// </summary>
internal static class OfficePackage
{
    /// <summary>What the XML of one document may unpack to; real handbooks and decks stay far below.</summary>
    internal const long MaxXmlBytes = 256L * 1024 * 1024;

    /// <summary>Also enforced while reading, should a ZIP header understate a part's size.</summary>
    private static readonly OpenSettings Settings = new() { MaxCharactersInPart = MaxXmlBytes };

    /// <summary>Opens the package and reads it; any way the package turns out damaged becomes the one message for a person.</summary>
    public static ParsedDocument Read<T>(ReadOnlyMemory<byte> content, string what, Func<Stream, OpenSettings, T> open, Func<T, ParsedDocument> read)
        where T : OpenXmlPackage
    {
        using var package = Open(content, what, open);
        try
        {
            return read(package);
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            throw Damaged(what, ex);
        }
    }

    private static T Open<T>(ReadOnlyMemory<byte> content, string what, Func<Stream, OpenSettings, T> open)
        where T : OpenXmlPackage
    {
        var stream = new MemoryStream(content.ToArray(), writable: false);
        CheckSizes(stream, what);
        try
        {
            return open(stream, Settings);
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            throw Damaged(what, ex);
        }
    }

    /// <summary>Reading a part can still fail on bad XML or a part larger than its header said.</summary>
    private static bool IsDamage(Exception ex) =>
        ex is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException or IOException or InvalidOperationException;

    private static DocumentParseException Damaged(string what, Exception ex) =>
        ex.Message.Contains("MaxCharacters", StringComparison.OrdinalIgnoreCase)
            ? TooLarge(what)
            : new DocumentParseException($"The {what} is damaged and cannot be read.", ex);

    private static void CheckSizes(MemoryStream stream, string what)
    {
        long xmlBytes = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                // Pictures and embedded files are never unpacked, so only the XML counts.
                if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                    || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                {
                    xmlBytes += entry.Length;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(what, ex);
        }
        if (xmlBytes > MaxXmlBytes)
        {
            throw TooLarge(what);
        }
        stream.Position = 0;
    }

    private static DocumentParseException TooLarge(string what) =>
        new($"The {what} unpacks to more than {MaxXmlBytes / (1024 * 1024)} MB of text and markup, far more than a real document; it was not read.");
}
