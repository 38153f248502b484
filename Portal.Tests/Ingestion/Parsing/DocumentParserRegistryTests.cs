using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class DocumentParserRegistryTests
{
    private static DocumentParserRegistry Registry()
    {
        var services = new ServiceCollection().AddLogging().AddDocumentParsing();
        return services.BuildServiceProvider(validateScopes: true).GetRequiredService<DocumentParserRegistry>();
    }

    [Fact]
    public void Registration_provides_one_parser_per_kind_even_when_called_twice()
    {
        var services = new ServiceCollection().AddLogging().AddDocumentParsing().AddDocumentParsing();
        using var provider = services.BuildServiceProvider();

        var parsers = provider.GetServices<IDocumentParser>().ToList();
        var registry = provider.GetRequiredService<DocumentParserRegistry>();

        Assert.Equal(6, parsers.Count);
        Assert.IsType<PdfDocumentParser>(registry.GetParser(DocumentKind.Pdf));
        Assert.IsType<WordDocumentParser>(registry.GetParser(DocumentKind.Word));
        Assert.IsType<PowerPointDocumentParser>(registry.GetParser(DocumentKind.PowerPoint));
        Assert.IsType<HtmlDocumentParser>(registry.GetParser(DocumentKind.Html));
        Assert.IsType<MarkdownDocumentParser>(registry.GetParser(DocumentKind.Markdown));
        Assert.IsType<PlainTextDocumentParser>(registry.GetParser(DocumentKind.Text));
    }

    [Fact]
    public void Parse_detects_the_kind_from_content()
    {
        var registry = Registry();

        var pdf = registry.Parse(Corpus.ReadAllBytes("PerksPlus.pdf"), "PerksPlus.pdf", CancellationToken.None);
        var markdown = registry.Parse(Corpus.ReadAllBytes("Contoso_Electronics_Company_Overview.md"), "overview.md", CancellationToken.None);
        var textNamedPdf = registry.Parse("Plain words.\n"u8.ToArray(), "words.pdf", CancellationToken.None);

        Assert.Equal(DocumentKind.Pdf, pdf.Kind);
        Assert.Equal(DocumentKind.Markdown, markdown.Kind);
        Assert.Equal(DocumentKind.Text, textNamedPdf.Kind);
    }

    [Fact]
    public void Parse_turns_an_unsupported_file_into_a_message_for_a_person()
    {
        var error = Assert.Throws<DocumentParseException>(
            () => Registry().Parse(TestFiles.PngHeader(), "report.pdf", CancellationToken.None));

        Assert.Equal("report.pdf is really a PNG image, not a PDF; only PDF, Word (.docx), PowerPoint (.pptx), web page (.html), Markdown and plain-text files can be ingested.", error.Message);
    }

    [Fact]
    public void A_kind_without_a_parser_is_a_wiring_error()
    {
        var registry = new DocumentParserRegistry([new PlainTextDocumentParser()]);

        Assert.Throws<InvalidOperationException>(() => registry.GetParser(DocumentKind.Pdf));
    }
}
