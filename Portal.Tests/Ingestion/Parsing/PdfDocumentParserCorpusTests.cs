using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class PdfDocumentParserCorpusTests(CorpusPdfs corpus, ITestOutputHelper output) : IClassFixture<CorpusPdfs>
{
    private const string Standard = "Northwind_Standard_Benefits_Details.pdf";

    [Theory]
    [InlineData("Benefit_Options.pdf", 4)]
    [InlineData("Northwind_Health_Plus_Benefits_Details.pdf", 109)]
    [InlineData(Standard, 104)]
    [InlineData("PerksPlus.pdf", 4)]
    [InlineData("employee_handbook.pdf", 11)]
    [InlineData("role_library.pdf", 31)]
    public void Every_physical_page_is_a_numbered_page(string file, int pages)
    {
        var document = corpus[file];

        Assert.Equal(DocumentKind.Pdf, document.Kind);
        Assert.Equal(Enumerable.Range(1, pages), document.Pages.Select(p => p.Number));
    }

    [Fact]
    public void All_six_pdfs_hold_263_pages_and_the_parse_time_is_reported()
    {
        Assert.Equal(263, corpus.Documents.Values.Sum(d => d.Pages.Count));
        output.WriteLine($"Parsed 6 corpus PDFs (263 pages) in {corpus.Elapsed.TotalMilliseconds:F0} ms (cold, first parse in this process).");
    }

    [Fact]
    public void A_sentence_wrapped_over_lines_is_one_paragraph_on_its_page()
    {
        var page3 = corpus[Standard].Pages[2];

        // Printed over two lines on page 3: "... The deductible for" / "Northwind Standard is $2,000 ...".
        const string sentence = "The deductible for Northwind Standard is $2,000 per person, per year.";
        Assert.Contains(sentence, page3.Text);
        var block = Assert.Single(corpus[Standard].Blocks, b => b.Text.Contains(sentence, StringComparison.Ordinal));
        Assert.Equal(3, block.PageNumber);
        Assert.Equal(BlockKind.Paragraph, block.Kind);
        Assert.StartsWith("A deductible is the amount of money", block.Text);
        Assert.EndsWith("before the plan will begin to cover the remaining amount.", block.Text);
        Assert.DoesNotContain('\n', block.Text);
    }

    [Fact]
    public void Paragraphs_are_separated_by_blank_lines_and_lines_are_not()
    {
        var text = corpus[Standard].Pages[2].Text;

        Assert.Contains("coverage for medical, vision, and dental services. This plan also offers", text);
        Assert.Contains("Deductibles\n\nA deductible is the amount", text);
        // Every newline in a page text belongs to a paragraph separator.
        Assert.DoesNotContain("\n", text.Replace("\n\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Hyphens_at_line_ends_are_kept_where_the_word_is_hyphenated()
    {
        var all = string.Join("\n\n", corpus[Standard].Pages.Select(p => p.Text));

        // "out-" / "of-pocket" ends line 3 of page 3's cost paragraph; "co-" / "insurance" a line in the next one.
        Assert.Contains("comes to your out-of-pocket expenses.", all);
        Assert.Contains("co-payments and co-insurance.", all);
        Assert.DoesNotContain("outof", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("out- of", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Word_headings_become_a_heading_path()
    {
        var blocks = corpus[Standard].Blocks;

        var deductible = Assert.Single(blocks, b => b.Text.StartsWith("A deductible is the amount of money", StringComparison.Ordinal));
        Assert.Equal(["Summary of Benefits", "SUMMARY OF YOUR COSTS", "Deductibles"], deductible.HeadingPath);

        var heading = Assert.Single(blocks, b => b is { Kind: BlockKind.Heading, Text: "HOW PROVIDERS AFFECT YOUR COSTS", PageNumber: 4 });
        Assert.Equal(["Summary of Benefits", "HOW PROVIDERS AFFECT YOUR COSTS"], heading.HeadingPath);

        var inNetwork = Assert.Single(blocks, b => b.Text.StartsWith("When selecting a health insurance plan, one of the most important", StringComparison.Ordinal));
        Assert.Equal(["Summary of Benefits", "HOW PROVIDERS AFFECT YOUR COSTS", "In-Network Providers"], inNetwork.HeadingPath);
    }

    [Fact]
    public void A_heading_repeated_under_itself_does_not_nest_inside_itself()
    {
        // Health Plus p104: "Venue" (bold), "OTHER INFORMATION ABOUT THIS PLAN", "Venue" (body type).
        var venue = Assert.Single(corpus["Northwind_Health_Plus_Benefits_Details.pdf"].Blocks,
            b => b.Text.StartsWith("Under the terms of Northwind Health Plus, if you or Northwind Health disagree", StringComparison.Ordinal));
        Assert.Equal(["Summary of Benefits", "OTHER INFORMATION ABOUT THIS PLAN", "Venue"], venue.HeadingPath);

        Assert.All(corpus.Documents.Values.SelectMany(d => d.Blocks), b =>
            Assert.False(b.HeadingPath.Count > 1 && b.HeadingPath[^1] == b.HeadingPath[^2], string.Join(" > ", b.HeadingPath)));
    }

    [Fact]
    public void Each_role_is_a_section_of_the_role_library()
    {
        var document = corpus["role_library.pdf"];

        var cfo = Assert.Single(document.Blocks, b => b is { Kind: BlockKind.Heading, Text: "Chief Financial Officer" });
        Assert.Equal(5, cfo.PageNumber);
        var duties = document.Blocks.Where(b => b.PageNumber == 5 && b.Kind == BlockKind.ListItem).ToList();
        Assert.NotEmpty(duties);
        Assert.All(duties, d => Assert.Equal(["Chief Financial Officer"], d.HeadingPath));
        Assert.Contains(duties, d => d.Text.StartsWith("\u2022 Develop and implement strategies to ensure the financial stability", StringComparison.Ordinal));
    }

    [Fact]
    public void Bullets_drawn_apart_from_their_text_still_start_list_items()
    {
        // PerksPlus draws each bullet in Symbol at x=90 and the item text at x=108.
        var items = corpus["PerksPlus.pdf"].Blocks.Where(b => b.PageNumber == 3 && b.Kind == BlockKind.ListItem).Select(b => b.Text).ToList();

        Assert.Contains("\u2022 Gym memberships", items);
        Assert.Contains("\u2022 Yoga and Pilates classes", items);
        Assert.Contains("\u2022 Outdoor adventure activities (such as rock climbing, hiking, and kayaking)", items);
        Assert.DoesNotContain(corpus["PerksPlus.pdf"].Blocks, b => b.Text == "\u2022");
    }

    [Fact]
    public void Numbered_items_are_list_items()
    {
        var items = corpus["employee_handbook.pdf"].Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text).ToList();

        Assert.Contains("1. Quality: We strive to provide the highest quality products and services to our customers.", items);
        Assert.Contains("3. Innovation: We encourage creativity and support new ideas and approaches to our business.", items);
    }

    [Theory]
    [InlineData(Standard, "Contoso Electronics: Northwind Health Standard Plan")]
    [InlineData("Benefit_Options.pdf", "Contoso Electronics: Plan and Benefit Packages")]
    [InlineData("employee_handbook.pdf", "Contoso Electronics Employee Handbook")]
    [InlineData("PerksPlus.pdf", "PerksPlus Health and Wellness Reimbursement Program for Contoso Electronics Employees")]
    public void Title_comes_from_the_cover_when_the_metadata_has_none(string file, string title)
    {
        Assert.Equal(title, corpus[file].Title);
    }

    [Fact]
    public void The_cover_title_is_not_repeated_in_every_heading_path()
    {
        var document = corpus[Standard];

        Assert.All(document.Blocks.Where(b => b.PageNumber > 1), b => Assert.DoesNotContain("Contoso Electronics", b.HeadingPath));
    }

    [Fact]
    public void Block_offsets_slice_their_page_text_exactly_in_every_corpus_pdf()
    {
        foreach (var (file, document) in corpus.Documents)
        {
            var pages = document.Pages.ToDictionary(p => p.Number);
            foreach (var group in document.Blocks.GroupBy(b => b.PageNumber))
            {
                var page = pages[group.Key];
                var previousEnd = 0;
                foreach (var block in group)
                {
                    Assert.True(block.Start >= previousEnd && block.End > block.Start && block.End <= page.Text.Length,
                        $"{file} p{block.PageNumber}: block [{block.Start},{block.End}) out of order or outside the page.");
                    Assert.Equal(block.Text, page.Text[block.Start..block.End]);
                    Assert.Equal(block.Text, KnowledgePortal.Shared.Text.TextNormalizer.CollapseWhitespace(block.Text));
                    previousEnd = block.End;
                }
                Assert.Equal(page.Text, string.Join("\n\n", group.Select(b => b.Text)));
            }
            Assert.Equal(document.Blocks.Select(b => b.PageNumber).Order(), document.Blocks.Select(b => b.PageNumber));
        }
    }

    [Fact]
    public void No_corpus_line_is_mistaken_for_a_running_header_or_footer()
    {
        // None of these booklets prints a running header, footer or page number (checked glyph by
        // glyph: nothing above y=716 or below y=72), so the filter must keep every line.
        foreach (var file in CorpusPdfs.FileNames)
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(Corpus.ReadAllBytes(file));
            var pages = pdf.GetPages().Select(PdfPageReader.Read).ToList();

            var filtered = PdfRunningTextFilter.Apply(pages);

            Assert.Equal(pages.Sum(p => p.Lines.Count), filtered.Sum(p => p.Lines.Count));
        }
        Assert.StartsWith("Once you have reached this limit, the plan will cover 100%", corpus[Standard].Pages[3].Text);
    }

    [Fact]
    public void Page_text_has_no_replacement_characters_or_control_characters()
    {
        foreach (var page in corpus.Documents.Values.SelectMany(d => d.Pages))
        {
            Assert.DoesNotContain('\uFFFD', page.Text);
            Assert.DoesNotContain(page.Text, c => char.IsControl(c) && c != '\n');
        }
    }
}
