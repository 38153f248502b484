using System.Text;
using KnowledgePortal.Ingestion.Chunking;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Text;
using KnowledgePortal.Tests.Shared.Embeddings;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Tests.Ingestion.Chunking;

/// <summary>The chunker with the real embedder's tokenizer: budgets, boundaries, positions.</summary>
public class StructureAwareChunkerTests(LocalMiniLmFixture model) : IClassFixture<LocalMiniLmFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEmbeddingModel Model => model.Generator;

    private StructureAwareChunker Chunker(ChunkingOptions? options = null) => new(Model, Options.Create(options ?? new ChunkingOptions()));

    private static ParsedDocument Markdown(string text) =>
        new MarkdownDocumentParser().Parse(Encoding.UTF8.GetBytes(text), "doc.md", Ct);

    [Fact]
    public void No_chunk_of_the_corpus_exceeds_what_the_embedder_reads()
    {
        var registry = new DocumentParserRegistry([new PdfDocumentParser(), new MarkdownDocumentParser(), new PlainTextDocumentParser()]);
        var chunker = Chunker(new ChunkingOptions { TargetTokens = 0 }); // fill to the model's limit
        foreach (var file in new[] { "Northwind_Standard_Benefits_Details.pdf", "role_library.pdf", "Contoso_Electronics_Company_Overview.md" })
        {
            var chunks = chunker.Chunk(registry.Parse(Corpus.ReadAllBytes(file), file, Ct), Ct);

            Assert.NotEmpty(chunks);
            Assert.All(chunks, c => Assert.InRange(Model.CountTokens(c.EmbeddingText), 1, Model.MaxInputTokens));
            Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        }
    }

    [Fact]
    public void Chunk_offsets_point_at_the_chunk_text_in_the_page_text()
    {
        var registry = new DocumentParserRegistry([new PdfDocumentParser()]);
        var parsed = registry.Parse(Corpus.ReadAllBytes("PerksPlus.pdf"), "PerksPlus.pdf", Ct);
        var pages = parsed.Pages.ToDictionary(p => p.Number, p => p.Text);

        foreach (var chunk in Chunker().Chunk(parsed, Ct))
        {
            if (chunk.PageStart != chunk.PageEnd)
            {
                continue;
            }
            var highlighted = pages[chunk.PageStart][chunk.StartOffset..chunk.EndOffset];
            var firstWords = string.Join(' ', chunk.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Take(4));
            var lastWords = string.Join(' ', chunk.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
            Assert.StartsWith(firstWords, TextNormalizer.CollapseWhitespace(highlighted));
            Assert.EndsWith(lastWords, TextNormalizer.CollapseWhitespace(highlighted));
        }
    }

    [Fact]
    public void Sections_end_chunks_and_chunks_carry_their_heading_path()
    {
        var body = string.Join(' ', Enumerable.Repeat("Vision exams are covered once a year at in-network optometrists.", 6));
        var markdown = $"# Benefits\n\n## Dental\n\n{body.Replace("Vision exams", "Dental cleanings")}\n\n## Vision\n\n{body}\n";

        var chunks = Chunker(new ChunkingOptions { EmbeddingPrefix = EmbeddingPrefix.TitleAndHeadings, MinTokens = 40 }).Chunk(Markdown(markdown), Ct);

        var dental = Assert.Single(chunks, c => c.Text.Contains("Dental cleanings", StringComparison.Ordinal));
        var vision = Assert.Single(chunks, c => c.Text.Contains("Vision exams", StringComparison.Ordinal));
        Assert.Equal("Benefits > Dental", dental.HeadingPath);
        Assert.Equal("Benefits > Vision", vision.HeadingPath);
        Assert.DoesNotContain("Vision", dental.Text, StringComparison.Ordinal);
        Assert.StartsWith("Benefits > Vision. ", vision.EmbeddingText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_section_is_split_between_sentences_with_the_last_sentence_repeated()
    {
        var sentences = Enumerable.Range(1, 60).Select(i => $"Rule number {i} says that claims must be filed within {i} days of the visit.");
        var chunks = Chunker(new ChunkingOptions { TargetTokens = 120, OverlapTokens = 20 }).Chunk(Markdown("# Claims\n\n" + string.Join(' ', sentences)), Ct);

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.EndsWith("visit.", c.Text, StringComparison.Ordinal)); // never cut mid-sentence
        for (var i = 1; i < chunks.Count; i++)
        {
            var lastOfPrevious = chunks[i - 1].Text[(chunks[i - 1].Text.LastIndexOf("Rule number", StringComparison.Ordinal))..];
            Assert.StartsWith(lastOfPrevious, chunks[i].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Small_sections_merge_under_the_headings_they_share()
    {
        var chunks = Chunker().Chunk(Markdown("# Travel\n\n## Flights\n\nBook economy.\n\n## Hotels\n\nStay near the office.\n"), Ct);

        var chunk = Assert.Single(chunks);
        Assert.Equal("Travel", chunk.HeadingPath);
        Assert.Contains("Book economy.", chunk.Text, StringComparison.Ordinal);
        Assert.Contains("Stay near the office.", chunk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_longer_than_the_model_input_is_cut_into_word_windows_that_fit()
    {
        var runOn = string.Join(", ", Enumerable.Range(1, 400).Select(i => $"item {i}"));

        var chunks = Chunker().Chunk(Markdown("# List\n\n" + runOn + "."), Ct);

        Assert.True(chunks.Count >= 2);
        Assert.All(chunks, c => Assert.True(Model.CountTokens(c.EmbeddingText) <= Model.MaxInputTokens));
        Assert.Contains("item 400", string.Join(' ', chunks.Select(c => c.Text)), StringComparison.Ordinal);
    }
}
