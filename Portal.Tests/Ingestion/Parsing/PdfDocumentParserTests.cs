using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Tests.TestSupport;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class PdfDocumentParserTests
{
    private readonly PdfDocumentParser parser = new();

    private ParsedDocument Parse(byte[] bytes, string fileName = "test.pdf") =>
        parser.Parse(bytes, fileName, CancellationToken.None);

    private string ParseError(byte[] bytes, string fileName = "test.pdf") =>
        Assert.Throws<DocumentParseException>(() => Parse(bytes, fileName)).Message;

    [Fact]
    public void Running_headers_and_page_number_footers_are_dropped_from_every_page()
    {
        var document = Parse(TestPdfs.WithRunningHeaderAndFooter());

        Assert.Equal(5, document.Pages.Count);
        Assert.All(document.Pages, page =>
        {
            Assert.DoesNotContain("Member Guide", page.Text);
            Assert.DoesNotContain($"Page {page.Number} of 5", page.Text);
            Assert.StartsWith($"Section {page.Number}: Claims and reimbursement", page.Text);
            Assert.Contains($"Members of plan {page.Number} submit each claim", page.Text);
        });
    }

    [Fact]
    public void A_repeated_header_is_kept_when_there_are_too_few_pages_to_call_it_running()
    {
        var document = Parse(TestPdfs.WithRunningHeaderAndFooter(pages: 2));

        Assert.All(document.Pages, page => Assert.Contains(TestPdfs.RunningHeader, page.Text));
        // A bare page number is a footer whatever the page count.
        Assert.All(document.Pages, page => Assert.DoesNotContain("of 2", page.Text));
    }

    [Fact]
    public void Lines_join_into_paragraphs_and_only_real_line_end_hyphenation_is_undone()
    {
        var page = Parse(TestPdfs.WithRunningHeaderAndFooter()).Pages[0];

        Assert.Contains(
            "Members of plan 1 submit each claim within ninety days of the service. Claims sent later are reviewed case by case, "
            + "and the reimbursement is paid to the account on file once the claim is approved, minus any out-of-pocket share owed under the plan.",
            page.Text);
        Assert.EndsWith("\n\nA second paragraph follows after a blank line and stays separate.", page.Text);
    }

    [Fact]
    public void Larger_bold_lines_are_headings_that_lead_the_path_of_what_follows()
    {
        var document = Parse(TestPdfs.WithRunningHeaderAndFooter());

        var headings = document.Blocks.Where(b => b.Kind == BlockKind.Heading).ToList();
        Assert.Equal(5, headings.Count);
        var paragraph = Assert.Single(document.Blocks, b => b.PageNumber == 3 && b.Text.StartsWith("Members of plan", StringComparison.Ordinal));
        Assert.Equal(["Section 3: Claims and reimbursement"], paragraph.HeadingPath);
        Assert.Equal("Section 1: Claims and reimbursement", document.Title);
    }

    [Fact]
    public void Columns_are_read_one_after_the_other_and_the_info_title_wins()
    {
        var document = Parse(TestPdfs.TwoColumns("Expense policy 2024"));

        Assert.Equal("Expense policy 2024", document.Title);
        var text = Assert.Single(document.Pages).Text;
        var left = text.IndexOf("The left column opens the argument and keeps going down its own narrow lane until it reaches the end.", StringComparison.Ordinal);
        var right = text.IndexOf("The right column is read only after the left one has been read completely from its top to its end.", StringComparison.Ordinal);
        Assert.True(left >= 0 && right > left, text);
        Assert.Equal(
            ["\u2022 Receipts within 30 days", "\u2022 Approval by a manager"],
            document.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text));
    }

    [Fact]
    public void A_short_line_standing_alone_before_a_paragraph_heads_it_but_does_not_title_the_document()
    {
        var document = Parse(TestPdfs.RunInSubheadings(), "benefits-summary.pdf");

        Assert.Equal("benefits-summary", document.Title);
        Assert.Equal(
            [BlockKind.Heading, BlockKind.Paragraph, BlockKind.Heading, BlockKind.Paragraph],
            document.Blocks.Select(b => b.Kind));
        var premiums = document.Blocks[3];
        Assert.StartsWith("Premiums are deducted from salary", premiums.Text);
        Assert.Equal(["Premiums"], premiums.HeadingPath);
    }

    [Fact]
    public void The_info_title_is_used_when_it_is_meaningful()
    {
        Assert.Equal("Travel policy", DocumentTitles.Meaningful("  Travel   policy ", "x.pdf"));
        Assert.Null(DocumentTitles.Meaningful("Microsoft Word - travel_v3.docx", "x.pdf"));
        Assert.Null(DocumentTitles.Meaningful("Untitled", "x.pdf"));
        Assert.Null(DocumentTitles.Meaningful("draft.doc", "x.pdf"));
        Assert.Null(DocumentTitles.Meaningful("", "x.pdf"));
    }

    [Fact]
    public void Without_headings_or_metadata_the_title_is_the_file_name()
    {
        var document = Parse(TestPdfs.PlainText("Quarterly numbers are final."), "q3-report.pdf");

        Assert.Equal("q3-report", document.Title);
        Assert.Equal("Quarterly numbers are final.", Assert.Single(document.Pages).Text);
    }

    [Fact]
    public void A_truncated_pdf_is_reported_as_damaged()
    {
        var whole = Corpus.ReadAllBytes("PerksPlus.pdf");

        var message = ParseError(whole[..(whole.Length / 2)]);

        Assert.Equal("The PDF is damaged or truncated and cannot be read.", message);
    }

    [Fact]
    public void A_pdf_header_followed_by_garbage_is_reported_as_damaged()
    {
        var message = ParseError("%PDF-1.7\nthis is not really a PDF at all\n"u8.ToArray());

        Assert.Contains("damaged", message);
    }

    [Fact]
    public void A_password_protected_pdf_asks_for_the_password_to_be_removed()
    {
        var bytes = TestPdfs.Encrypted("Salary bands for 2024", userPassword: "s3cret", ownerPassword: "owner");

        // The fixture is really encrypted: PdfPig refuses it without the password and reads it with.
        Assert.Throws<PdfDocumentEncryptedException>(() => PdfDocument.Open(bytes));
        using (var opened = PdfDocument.Open(bytes, new ParsingOptions { Password = "s3cret" }))
        {
            Assert.Equal("Salary bands for 2024", opened.GetPage(1).Text);
        }

        var message = ParseError(bytes);

        Assert.Equal("The PDF is password-protected; remove the password and upload it again.", message);
    }

    [Fact]
    public void A_pdf_encrypted_with_an_empty_user_password_is_read()
    {
        var bytes = TestPdfs.Encrypted("Open to everyone", userPassword: "", ownerPassword: "owner");

        var document = Parse(bytes);

        Assert.Equal("Open to everyone", Assert.Single(document.Pages).Text);
    }

    [Fact]
    public void A_pdf_without_pages_says_so()
    {
        Assert.Equal("The PDF has no pages.", ParseError(TestPdfs.ZeroPages()));
    }

    [Fact]
    public void A_table_is_read_row_by_row_with_each_label_beside_its_figures()
    {
        var parsed = Parse(TestPdfs.FinancialTable(), "statement.pdf");

        var text = parsed.Pages[0].Text;
        Assert.Contains("Products | 63,355 | 63,948 | (1)%;", text, StringComparison.Ordinal);
        Assert.Contains("Total net sales | 82,959 | 81,434 | 2%;", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("net sales by category", StringComparison.Ordinal) < text.IndexOf("Products |", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Total net sales |", StringComparison.Ordinal) < text.IndexOf("Services grew", StringComparison.Ordinal));
        Assert.Contains(parsed.Blocks, b => b.Text == "Services grew faster than products in every region.");
    }

    [Fact]
    public void Unreadable_pages_cost_only_themselves_and_are_named()
    {
        var one = Parse(TestPdfs.WithUnreadablePages(4, 3));
        var several = Parse(TestPdfs.WithUnreadablePages(4, 1, 3));

        Assert.Equal(4, one.Pages.Count);
        Assert.Equal([3], one.UnreadablePages);
        Assert.Equal("1 page could not be read (p. 3)", one.Warning);
        Assert.Equal(string.Empty, one.Pages[2].Text);
        Assert.Contains(one.Blocks, b => b.PageNumber == 4 && b.Text.Contains("page 4", StringComparison.Ordinal));
        Assert.Equal("2 pages could not be read (pp. 1, 3)", several.Warning);
        Assert.Null(Parse(TestPdfs.WithUnreadablePages(2)).Warning);
    }

    [Fact]
    public void A_pdf_none_of_whose_pages_can_be_read_fails_as_damaged()
    {
        Assert.Equal("The PDF is damaged or truncated and cannot be read. (No page could be read.)", ParseError(TestPdfs.WithUnreadablePages(2, 1, 2)));
    }

    [Fact]
    public void A_pdf_of_vector_drawings_has_no_extractable_text()
    {
        Assert.Equal(
            "The PDF has no extractable text: its pages hold neither text nor scanned images.",
            ParseError(TestPdfs.VectorDrawingOnly()));
    }

    [Fact]
    public void A_scanned_page_is_read_by_ocr_into_paragraphs_and_list_items_beside_a_page_with_text()
    {
        var scan = TestPdfs.Scanned(Corpus.ReadAllBytes("PerksPlus.pdf"), [3], "A cover page with real text on it.");

        var parsed = Parse(scan, "perks-scan.pdf");

        Assert.Equal(2, parsed.Pages.Count);
        Assert.Empty(parsed.UnreadablePages);
        Assert.Contains(parsed.Blocks, b => b.PageNumber == 1 && b.Text.Contains("real text", StringComparison.Ordinal));
        var scanned = parsed.Blocks.Where(b => b.PageNumber == 2).ToList();
        Assert.Contains(scanned, b => b.Text.Contains("expense up to $1000 for fitness-related", StringComparison.Ordinal));
        Assert.Contains(scanned, b => b.Text.Contains("Yoga and Pilates classes", StringComparison.Ordinal));
        // Block offsets point at their words in the page text the viewer shows.
        Assert.All(scanned, b => Assert.Equal(b.Text.Split(' ')[0], parsed.Pages[1].Text[b.Start..b.End].Split(' ', '\n')[0]));
    }

    [Fact]
    public void Without_the_ocr_tools_a_scanned_pdf_fails_naming_the_packages_that_read_it()
    {
        var withoutTesseract = new PdfDocumentParser(ocrOptions: Microsoft.Extensions.Options.Options.Create(new OcrOptions { TesseractPath = "/nonexistent/tesseract" }));
        var withoutLanguage = new PdfDocumentParser(ocrOptions: Microsoft.Extensions.Options.Options.Create(new OcrOptions { Languages = "xyz" }));
        var scan = TestPdfs.Scanned(Corpus.ReadAllBytes("PerksPlus.pdf"), [3]);

        Assert.Equal(
            "The PDF has no extractable text: its pages are scanned images. OCR needs tesseract (Debian package tesseract-ocr), which this server lacks.",
            Assert.Throws<DocumentParseException>(() => withoutTesseract.Parse(scan, "scan.pdf", CancellationToken.None)).Message);
        Assert.Contains("the OCR language xyz (Debian package tesseract-ocr-xyz)",
            Assert.Throws<DocumentParseException>(() => withoutLanguage.Parse(scan, "scan.pdf", CancellationToken.None)).Message);
    }

    [Fact]
    public void A_scanned_pdf_of_images_has_no_extractable_text()
    {
        using (var pdf = PdfDocument.Open(TestPdfs.ImageOnly()))
        {
            Assert.Single(pdf.GetPage(1).GetImages());
        }

        Assert.Contains("no extractable text", ParseError(TestPdfs.ImageOnly()));
    }

    [Fact]
    public void A_png_named_pdf_is_not_a_pdf()
    {
        Assert.Contains("not a PDF", ParseError(TestFiles.PngHeader(), "report.pdf"));
    }

    [Fact]
    public void An_empty_file_is_empty()
    {
        Assert.Equal("The file is empty.", ParseError([]));
        Assert.Equal("The file is empty.", ParseError(" \r\n\t "u8.ToArray()));
    }

    [Fact]
    public void Cancellation_is_not_turned_into_a_parse_error()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => parser.Parse(Corpus.ReadAllBytes("PerksPlus.pdf"), "PerksPlus.pdf", cancelled.Token));
    }

    [Fact]
    public void Random_bytes_after_a_pdf_header_never_escape_as_anything_but_a_parse_error()
    {
        var random = new Random(1234);
        var whole = Corpus.ReadAllBytes("PerksPlus.pdf");
        for (var i = 0; i < 20; i++)
        {
            var damaged = (byte[])whole.Clone();
            // Overwrite a run in the middle: broken objects, streams or cross references.
            var start = random.Next(100, damaged.Length - 5000);
            random.NextBytes(damaged.AsSpan(start, random.Next(50, 4000)));
            try
            {
                Parse(damaged);
            }
            catch (DocumentParseException)
            {
                // Expected for some damage; any other exception type fails the test.
            }
        }
    }
}
