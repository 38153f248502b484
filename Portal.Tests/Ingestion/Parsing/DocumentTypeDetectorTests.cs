using System.IO.Compression;
using System.Text;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class DocumentTypeDetectorTests
{
    [Fact]
    public void A_pdf_is_a_pdf_by_its_header()
    {
        var detection = DocumentTypeDetector.Detect(Corpus.ReadAllBytes("PerksPlus.pdf"), "PerksPlus.pdf");

        Assert.True(detection.IsSupported);
        Assert.Equal(DocumentKind.Pdf, detection.Kind);
        Assert.Null(detection.Note);
    }

    [Fact]
    public void A_pdf_header_after_leading_junk_still_counts_and_a_wrong_name_is_noted()
    {
        byte[] bytes = [.. new byte[300].Select(_ => (byte)'\n'), .. Corpus.ReadAllBytes("PerksPlus.pdf")];

        var detection = DocumentTypeDetector.Detect(bytes, "scan.txt");

        Assert.Equal(DocumentKind.Pdf, detection.Kind);
        Assert.Contains("scan.txt is a PDF", detection.Note);
    }

    [Fact]
    public void A_png_named_pdf_is_named_for_what_it_is()
    {
        var detection = DocumentTypeDetector.Detect(TestFiles.PngHeader(), "report.pdf");

        Assert.False(detection.IsSupported);
        Assert.Null(detection.Kind);
        Assert.Equal("report.pdf is really a PNG image, not a PDF; only PDF, Word (.docx), PowerPoint (.pptx), web page (.html), Markdown and plain-text files can be ingested.", detection.Error);
    }

    [Fact]
    public void A_png_named_png_is_not_called_a_mismatch()
    {
        Assert.Equal(
            "photo.png is a PNG image; only PDF, Word (.docx), PowerPoint (.pptx), web page (.html), Markdown and plain-text files can be ingested.",
            DocumentTypeDetector.Detect(TestFiles.PngHeader(), "photo.png").Error);
    }

    [Fact]
    public void Office_documents_are_recognised_inside_their_zip()
    {
        var word = DocumentTypeDetector.Detect(Zip("word/document.xml"), "handbook.pdf");
        Assert.Equal(DocumentKind.Word, word.Kind);
        Assert.Equal("handbook.pdf is a Word document despite its name and was read as one.", word.Note);
        Assert.Equal(DocumentKind.PowerPoint, DocumentTypeDetector.Detect(Zip("ppt/presentation.xml"), "deck.pptx").Kind);
        Assert.Null(DocumentTypeDetector.Detect(Zip("ppt/presentation.xml"), "deck.pptx").Note);
        Assert.StartsWith("budget.md is really an Excel workbook (.xlsx), not a Markdown file;", DocumentTypeDetector.Detect(Zip("xl/workbook.xml"), "budget.md").Error);
        Assert.StartsWith("bundle.txt is really a ZIP archive, not a text file;", DocumentTypeDetector.Detect(Zip("readme.txt"), "bundle.txt").Error);
        Assert.StartsWith("report.docx is really a ZIP archive, not a Word document;", DocumentTypeDetector.Detect(Zip("readme.txt"), "report.docx").Error);
    }

    [Fact]
    public void A_password_protected_office_file_says_to_remove_the_password()
    {
        // Office wraps an encrypted package in an OLE compound file whose directory names its streams in UTF-16.
        byte[] encrypted = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[500], .. Encoding.Unicode.GetBytes("EncryptionInfo"),
            .. new byte[50], .. Encoding.Unicode.GetBytes("EncryptedPackage"), .. new byte[100]];

        var detection = DocumentTypeDetector.Detect(encrypted, "salaries.docx");

        Assert.Equal("The Office file is password-protected; remove the password and upload it again.", detection.Error);
        Assert.StartsWith("old.doc is a legacy Microsoft Office document", DocumentTypeDetector.Detect(encrypted[..508], "old.doc").Error);
    }

    [Theory]
    [InlineData("page.html", "<p>Hello</p>", DocumentKind.Html, false)]
    [InlineData("page.htm", "just words", DocumentKind.Html, false)]
    [InlineData("saved", "<!DOCTYPE html><html><body>Hi</body></html>", DocumentKind.Html, false)]
    [InlineData("export.pdf", "<!-- saved --> <html lang=en><body>Hi</body></html>", DocumentKind.Html, true)]
    [InlineData("notes.txt", "<!DOCTYPE html><html><body>Hi</body></html>", DocumentKind.Text, false)]
    [InlineData("README.md", "<html><body>Hi</body></html>", DocumentKind.Markdown, false)]
    public void Web_pages_are_known_by_extension_or_by_their_first_tag(string fileName, string content, DocumentKind kind, bool noted)
    {
        var detection = DocumentTypeDetector.Detect(Encoding.UTF8.GetBytes(content), fileName);

        Assert.Equal(kind, detection.Kind);
        Assert.Equal(noted, detection.Note is not null);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 }, "a JPEG image")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00 }, "a GIF image")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00 }, "a legacy Microsoft Office document")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 }, "a gzip archive")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00 }, "a Linux executable (ELF)")]
    public void Known_binary_formats_are_named(byte[] bytes, string what)
    {
        var error = DocumentTypeDetector.Detect(bytes, "file.pdf").Error;

        Assert.StartsWith($"file.pdf is really {what}", error);
        Assert.EndsWith("only PDF, Word (.docx), PowerPoint (.pptx), web page (.html), Markdown and plain-text files can be ingested.", error);
    }

    [Fact]
    public void Unknown_binary_content_is_rejected_as_binary()
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        random[0] = 0x42; // not any signature
        byte[] withNul = [.. "plain words"u8, 0x00, .. "more words"u8];

        Assert.Equal("data.txt is really a binary file, not a text file; only PDF, Word (.docx), PowerPoint (.pptx), web page (.html), Markdown and plain-text files can be ingested.",
            DocumentTypeDetector.Detect(withNul, "data.txt").Error);
        Assert.Contains("binary file", DocumentTypeDetector.Detect(random, "blob").Error);
    }

    [Fact]
    public void Text_named_pdf_is_read_by_its_content()
    {
        var detection = DocumentTypeDetector.Detect("Minutes of the meeting.\n\nAll agreed."u8, "minutes.pdf");

        Assert.Equal(DocumentKind.Text, detection.Kind);
        Assert.Contains("minutes.pdf is not a PDF", detection.Note);
    }

    [Theory]
    [InlineData("README.md", "just words", DocumentKind.Markdown)]
    [InlineData("notes.txt", "# Heading\n\n## Another\n", DocumentKind.Text)]
    [InlineData("README", "# Setup\n\nRun `kp ingest` as described in [the guide](docs/guide.md).\n", DocumentKind.Markdown)]
    [InlineData("notes", "# Setup\n\n## Usage\n", DocumentKind.Markdown)]
    [InlineData("notes", "---\ntitle: x\n---\nbody\n", DocumentKind.Markdown)]
    [InlineData("notes", "| a | b |\n|---|---|\n| 1 | 2 |\n", DocumentKind.Markdown)]
    [InlineData("notes", "# just one comment line\nkey=value\n", DocumentKind.Text)]
    [InlineData("notes.log", "2024-01-01 started\n2024-01-02 stopped\n", DocumentKind.Text)]
    public void Text_is_markdown_by_extension_or_by_its_marks(string fileName, string content, DocumentKind kind)
    {
        Assert.Equal(kind, DocumentTypeDetector.Detect(Encoding.UTF8.GetBytes(content), fileName).Kind);
    }

    [Fact]
    public void Windows_1252_and_utf16_text_are_text_not_binary()
    {
        byte[] latin = [.. "caf"u8, 0xE9, .. " cr"u8, 0xE8, .. "me"u8];
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Hello world")).ToArray();

        Assert.Equal(DocumentKind.Text, DocumentTypeDetector.Detect(latin, "menu.txt").Kind);
        Assert.Equal(DocumentKind.Text, DocumentTypeDetector.Detect(utf16, "hello.txt").Kind);
    }

    [Fact]
    public void An_empty_file_is_reported_as_empty()
    {
        Assert.Equal("The file is empty.", DocumentTypeDetector.Detect([], "a.pdf").Error);
        Assert.Equal("The file is empty.", DocumentTypeDetector.Detect("  \n\r\n"u8, "a.md").Error);
    }

    private static byte[] Zip(string entryName)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open());
            writer.Write("<Types/>");
        }
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry(entryName).Open());
            writer.Write("<x/>");
        }
        return stream.ToArray();
    }
}
