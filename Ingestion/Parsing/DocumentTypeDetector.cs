using System.Text;
using System.Text.RegularExpressions;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Decides what a file is from its bytes, trusting the name only to choose between Markdown and
/// plain text: people upload screenshots named ".pdf" and exports named ".txt" that are PDFs.
/// </summary>
public static partial class DocumentTypeDetector
{
    /// <summary>How far into the file the PDF header may start (the spec allows leading junk within 1 KB).</summary>
    private const int PdfHeaderWindow = 1024;

    /// <summary>How much of the file is inspected to tell text from binary and Markdown from text.</summary>
    private const int SampleLength = 64 * 1024;

    private static readonly string[] MarkdownExtensions = [".md", ".markdown", ".mdx", ".mdown", ".mkd", ".mkdn"];
    private static readonly string[] TextExtensions = [".txt", ".text", ".log", ".csv", ".tsv"];
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml"];

    /// <summary>The extensions of every kind that can be ingested, for upload pickers and folder walks.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } =
        [".pdf", ".docx", ".pptx", .. HtmlExtensions, .. MarkdownExtensions, .. TextExtensions];

    public static DocumentTypeDetection Detect(ReadOnlySpan<byte> content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();

        if (IsEmpty(content))
        {
            return DocumentTypeDetection.Unsupported(ParseMessages.Empty);
        }
        if (content[..Math.Min(content.Length, PdfHeaderWindow)].IndexOf("%PDF-"u8) >= 0)
        {
            return DocumentTypeDetection.Supported(
                DocumentKind.Pdf,
                extension is ".pdf" ? null : $"{name} is a PDF despite its name and was read as a PDF.");
        }

        if (OfficeKind(content) is { } office)
        {
            return DocumentTypeDetection.Supported(
                office.Kind,
                office.Extensions.Contains(extension) ? null : $"{name} is {office.Description} despite its name and was read as one.");
        }
        if (IsEncryptedOffice(content))
        {
            return DocumentTypeDetection.Unsupported(ParseMessages.OfficePasswordProtected);
        }

        var (bomEncoding, _) = TextDecoding.DetectBom(content);
        if (bomEncoding is null)
        {
            var signature = KnownBinaryFormat(content);
            if (signature is not null)
            {
                return DocumentTypeDetection.Unsupported(Unsupported(name, extension, signature.Value.Description, signature.Value.Extensions));
            }
            if (LooksBinary(content[..Math.Min(content.Length, SampleLength)]))
            {
                return DocumentTypeDetection.Unsupported(Unsupported(name, extension, "a binary file", []));
            }
        }

        if (MarkdownExtensions.Contains(extension))
        {
            return DocumentTypeDetection.Supported(DocumentKind.Markdown);
        }
        if (TextExtensions.Contains(extension))
        {
            return DocumentTypeDetection.Supported(DocumentKind.Text);
        }
        var sample = TextDecoding.Decode(content[..Math.Min(content.Length, SampleLength)]);
        if (HtmlExtensions.Contains(extension))
        {
            return DocumentTypeDetection.Supported(DocumentKind.Html);
        }
        if (LooksLikeHtml(sample))
        {
            return DocumentTypeDetection.Supported(
                DocumentKind.Html,
                ClaimedType(extension) is { } claimedPage ? $"{name} is not {claimedPage}: it holds a web page and was read as one." : null);
        }
        var kind = LooksLikeMarkdown(TextDecoding.NormalizeLineEndings(sample)) ? DocumentKind.Markdown : DocumentKind.Text;
        var claimed = ClaimedType(extension);
        var note = claimed is null
            ? null
            : $"{name} is not {claimed}: it holds {(kind == DocumentKind.Markdown ? "Markdown" : "plain text")} and was read as such.";
        return DocumentTypeDetection.Supported(kind, note);
    }

    private static string Unsupported(string name, string extension, string what, string[] realExtensions)
    {
        var claimed = ClaimedType(extension);
        var prefix = claimed is not null && !realExtensions.Contains(extension)
            ? $"{name} is really {what}, not {claimed}"
            : $"{name} is {what}";
        return $"{prefix}; {ParseMessages.Supported}";
    }

    /// <summary>What the name promises, for extensions people expect to be ingestible.</summary>
    private static string? ClaimedType(string extension) => extension switch
    {
        ".pdf" => "a PDF",
        ".md" or ".markdown" or ".mdx" or ".mdown" or ".mkd" or ".mkdn" => "a Markdown file",
        ".txt" or ".text" or ".log" or ".csv" or ".tsv" => "a text file",
        ".docx" => "a Word document",
        ".pptx" => "a PowerPoint presentation",
        ".html" or ".htm" or ".xhtml" => "a web page",
        _ => null,
    };

    /// <summary>A Word document or slide deck by the main part its ZIP package holds.</summary>
    private static (DocumentKind Kind, string Description, string[] Extensions)? OfficeKind(ReadOnlySpan<byte> c)
    {
        if (!c.StartsWith("PK\x03\x04"u8))
        {
            return null;
        }
        if (c.IndexOf("word/document.xml"u8) >= 0)
        {
            return (DocumentKind.Word, "a Word document", [".docx", ".docm", ".dotx"]);
        }
        if (c.IndexOf("ppt/presentation.xml"u8) >= 0)
        {
            return (DocumentKind.PowerPoint, "a PowerPoint presentation", [".pptx", ".pptm", ".ppsx", ".potx"]);
        }
        return null;
    }

    /// <summary>
    /// Office encrypts a password-protected .docx or .pptx into an OLE compound file with an
    /// "EncryptedPackage" stream; its directory names the stream in UTF-16.
    /// </summary>
    private static bool IsEncryptedOffice(ReadOnlySpan<byte> c) =>
        c.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        && c.IndexOf(EncryptedPackageName) >= 0;

    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");

    /// <summary>A page by its first tag: a doctype or an html element, after any comments.</summary>
    internal static bool LooksLikeHtml(string sample)
    {
        var start = sample.AsSpan().TrimStart();
        while (start.StartsWith("<!--", StringComparison.Ordinal))
        {
            var end = start.IndexOf("-->", StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }
            start = start[(end + 3)..].TrimStart();
        }
        if (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            var end = start.IndexOf("?>", StringComparison.Ordinal);
            start = end < 0 ? [] : start[(end + 2)..].TrimStart();
        }
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsEmpty(ReadOnlySpan<byte> content)
    {
        var (encoding, bomLength) = TextDecoding.DetectBom(content);
        if (encoding is not null)
        {
            return string.IsNullOrWhiteSpace(encoding.GetString(content[bomLength..]));
        }
        foreach (var b in content)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Text has no NUL bytes and almost no control characters besides tabs and line breaks.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> sample)
    {
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v' or 0x1B))
            {
                control++;
            }
        }
        return control > sample.Length / 20;
    }

    private static (string Description, string[] Extensions)? KnownBinaryFormat(ReadOnlySpan<byte> c)
    {
        if (c.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("a PNG image", [".png"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ("a JPEG image", [".jpg", ".jpeg", ".jfif"]);
        }
        if (c.StartsWith("GIF87a"u8) || c.StartsWith("GIF89a"u8))
        {
            return ("a GIF image", [".gif"]);
        }
        if (c.StartsWith("II*\0"u8) || c.StartsWith("MM\0*"u8))
        {
            return ("a TIFF image", [".tif", ".tiff"]);
        }
        if (c.Length >= 12 && c.StartsWith("RIFF"u8))
        {
            var form = c[8..12];
            if (form.SequenceEqual("WEBP"u8))
            {
                return ("a WebP image", [".webp"]);
            }
            if (form.SequenceEqual("WAVE"u8))
            {
                return ("a WAV audio file", [".wav"]);
            }
            if (form.SequenceEqual("AVI "u8))
            {
                return ("an AVI video", [".avi"]);
            }
        }
        if (c.Length >= 26 && c.StartsWith("BM"u8) && c[6..10].IndexOfAnyExcept((byte)0) < 0)
        {
            return ("a BMP image", [".bmp"]);
        }
        if (c.StartsWith("8BPS"u8))
        {
            return ("a Photoshop image", [".psd"]);
        }
        if (c.Length >= 12 && c[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(c[8..12]);
            return brand switch
            {
                "heic" or "heix" or "mif1" or "msf1" or "avif" => ("a HEIC/AVIF image", [".heic", ".heif", ".avif"]),
                "qt  " => ("a QuickTime video", [".mov"]),
                "M4A " => ("an audio file (M4A)", [".m4a"]),
                _ => ("an MP4 video", [".mp4", ".m4v"]),
            };
        }
        if (c.StartsWith("ID3"u8) || (c.Length >= 2 && c[0] == 0xFF && (c[1] & 0xE0) == 0xE0 && c[1] != 0xFF))
        {
            return ("an MP3 audio file", [".mp3"]);
        }
        if (c.StartsWith("OggS"u8))
        {
            return ("an Ogg audio file", [".ogg", ".oga", ".opus"]);
        }
        if (c.StartsWith("fLaC"u8))
        {
            return ("a FLAC audio file", [".flac"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return ("a WebM/Matroska video", [".webm", ".mkv"]);
        }
        if (c.StartsWith("PK\x03\x04"u8) || c.StartsWith("PK\x05\x06"u8) || c.StartsWith("PK\x07\x08"u8))
        {
            return ZipFormat(c);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return ("a legacy Microsoft Office document (.doc, .xls or .ppt)", [".doc", ".xls", ".ppt", ".msg"]);
        }
        if (c.StartsWith("{\\rtf"u8))
        {
            return ("an RTF document", [".rtf"]);
        }
        if (c.StartsWith("%!PS"u8))
        {
            return ("a PostScript file", [".ps", ".eps"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return ("a gzip archive", [".gz", ".tgz"]);
        }
        if (c.Length >= 10 && c.StartsWith("BZh"u8) && c[4..10].SequenceEqual("1AY&SY"u8))
        {
            return ("a bzip2 archive", [".bz2"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]))
        {
            return ("an xz archive", [".xz"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return ("a Zstandard archive", [".zst"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]))
        {
            return ("a 7-Zip archive", [".7z"]);
        }
        if (c.StartsWith("Rar!\x1A\x07"u8))
        {
            return ("a RAR archive", [".rar"]);
        }
        if (c.Length >= 262 && c[257..262].SequenceEqual("ustar"u8))
        {
            return ("a tar archive", [".tar"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
        {
            return ("a Linux executable (ELF)", [".so", ".o", ""]);
        }
        if (c.Length >= 64 && c.StartsWith("MZ"u8) && c[..64].IndexOf((byte)0) >= 0)
        {
            return ("a Windows executable", [".exe", ".dll", ".sys"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || c.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE])
            || c.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF]) || c.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]))
        {
            return ("a macOS executable", [".dylib", ""]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]))
        {
            return ("a compiled program (Java class or macOS universal binary)", [".class"]);
        }
        if (c.StartsWith("\0asm"u8))
        {
            return ("a WebAssembly module", [".wasm"]);
        }
        if (c.StartsWith("SQLite format 3\0"u8))
        {
            return ("an SQLite database", [".db", ".sqlite", ".sqlite3"]);
        }
        if (c.StartsWith((ReadOnlySpan<byte>)[0x00, 0x01, 0x00, 0x00, 0x00]) || c.StartsWith("OTTO"u8)
            || c.StartsWith("wOFF"u8) || c.StartsWith("wOF2"u8))
        {
            return ("a font file", [".ttf", ".otf", ".woff", ".woff2"]);
        }
        return null;
    }

    /// <summary>Office and e-book formats are ZIP files; the names of their parts say which one.</summary>
    private static (string Description, string[] Extensions) ZipFormat(ReadOnlySpan<byte> c)
    {
        if (c.IndexOf("mimetypeapplication/epub+zip"u8) >= 0)
        {
            return ("an EPUB e-book", [".epub"]);
        }
        if (c.IndexOf("mimetypeapplication/vnd.oasis.opendocument"u8) >= 0)
        {
            return ("an OpenDocument file", [".odt", ".ods", ".odp"]);
        }
        if (c.IndexOf("word/"u8) >= 0)
        {
            return ("a Word document (.docx)", [".docx", ".docm", ".dotx"]);
        }
        if (c.IndexOf("xl/"u8) >= 0)
        {
            return ("an Excel workbook (.xlsx)", [".xlsx", ".xlsm"]);
        }
        if (c.IndexOf("ppt/"u8) >= 0)
        {
            return ("a PowerPoint presentation (.pptx)", [".pptx", ".pptm"]);
        }
        return ("a ZIP archive", [".zip"]);
    }

    /// <summary>
    /// Markdown by its marks: front matter, several ATX headings, fenced code, a table rule, or a
    /// heading together with links or emphasis. A lone "# note" line in a text file is not enough.
    /// </summary>
    internal static bool LooksLikeMarkdown(string text)
    {
        if (FrontMatter().IsMatch(text) || TableRule().IsMatch(text))
        {
            return true;
        }
        var headings = AtxHeading().Count(text);
        var fences = Fence().Count(text);
        var links = InlineLink().Count(text);
        var emphasis = Emphasis().Count(text);
        var lists = ListItem().Count(text);
        if (headings >= 2 || fences >= 2)
        {
            return true;
        }
        return (headings == 1 && links + emphasis + lists + fences > 0) || links >= 2;
    }

    [GeneratedRegex(@"\A---[ \t]*\n(?:.*\n){0,100}?---[ \t]*(\n|\z)")]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"^#{1,6}[ \t]+\S", RegexOptions.Multiline)]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^[ ]{0,3}(```|~~~)", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex TableRule();

    [GeneratedRegex(@"\[[^\]\n]+\]\([^)\s]+\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\*\*[^*\n]+\*\*|__[^_\n]+__")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^[ \t]*([-*+]|\d{1,3}\.)[ \t]+\S", RegexOptions.Multiline)]
    private static partial Regex ListItem();
}
