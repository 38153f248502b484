using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Text;
using Microsoft.Extensions.AI;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// A remote embedder (OpenAI-compatible or Ollama) that also describes its vector space for the index
/// and the chunker: identity, dimension, input budget and a token estimate.
/// </summary>
/// <remarks>
/// Requests are split into batches of at most the configured batch size and answered in the caller's
/// order; every response must carry one vector per input, all of one dimension, or the call fails
/// (a wrong-sized vector would silently corrupt the index).
/// </remarks>
public sealed class RemoteEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>, IEmbeddingModel
{
    /// <summary>Text embedded once to learn the dimension when none is configured.</summary>
    internal const string ProbeText = "dimension probe";

    // A property getter should not hang a caller for the HTTP client's full retry budget.
    private static readonly TimeSpan BlockingProbeTimeout = TimeSpan.FromSeconds(30);

    private readonly int? requestedDimensions;
    private readonly int batchSize;
    private readonly Lazy<BertUncasedTokenizer> tokenizer =
        new(BertUncasedTokenizer.LoadFromMiniLmPackage, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim probeLock = new(1, 1);
    private int dimension;

    /// <param name="innerGenerator">The provider's generator (owned: disposed with this one).</param>
    /// <param name="modelId">Identity of the vector space, e.g. "openai/text-embedding-3-small".</param>
    /// <param name="dimensions">Vector length to request and expect; null to discover it.</param>
    /// <param name="maxInputTokens">Word pieces the model reads per input.</param>
    /// <param name="batchSize">Inputs per request.</param>
    public RemoteEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> innerGenerator, string modelId, int? dimensions, int maxInputTokens, int batchSize)
        : base(innerGenerator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (dimensions is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requested, nameof(dimensions));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInputTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ModelId = modelId;
        MaxInputTokens = maxInputTokens;
        requestedDimensions = dimensions;
        this.dimension = dimensions ?? 0;
        this.batchSize = batchSize;
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int MaxInputTokens { get; }

    /// <summary>
    /// The configured dimension, or the one the server answered with. If neither is known yet this
    /// blocks on a one-off probe request (at most 30 s); configure Dimensions, or let the start-up
    /// warm-up call <see cref="GetDimensionAsync"/>, to avoid that.
    /// </summary>
    public int Dimension
    {
        get
        {
            var known = Volatile.Read(ref this.dimension);
            if (known > 0)
            {
                return known;
            }
            using var timeout = new CancellationTokenSource(BlockingProbeTimeout);
            // Task.Run: no synchronisation context of the caller can deadlock the wait.
            return Task.Run(() => GetDimensionAsync(timeout.Token), timeout.Token).GetAwaiter().GetResult();
        }
    }

    /// <summary>The dimension if it is known already (configured, or learnt from a response); never asks the server.</summary>
    public int? KnownDimension => Volatile.Read(ref this.dimension) is > 0 and var known ? known : null;

    /// <summary>
    /// Estimated tokens of <paramref name="text"/>: the larger of its bert-base-uncased word pieces and a
    /// third of its characters. The remote tokenizer is unknown; BERT word pieces match BERT-family
    /// models (nomic-embed-text, mxbai, bge) and exceed BPE counts for English, while chars/3 covers
    /// scripts BERT's vocabulary maps to one [UNK] per word and BPE splits into many tokens. Over-counting
    /// only makes chunks smaller; under-counting would let the server cut them.
    /// </summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var wordPieces = this.tokenizer.Value.CountTokens(text);
        var characters = TextNormalizer.CollapseWhitespace(text).Length;
        return Math.Max(wordPieces, (characters + 2) / 3);
    }

    /// <summary>The dimension, asking the server once with a probe string if it is not known yet.</summary>
    public async Task<int> GetDimensionAsync(CancellationToken cancellationToken = default)
    {
        var known = Volatile.Read(ref this.dimension);
        if (known > 0)
        {
            return known;
        }
        await probeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref this.dimension) == 0)
            {
                await GenerateAsync([ProbeText], options: null, cancellationToken).ConfigureAwait(false);
            }
            return Volatile.Read(ref this.dimension);
        }
        finally
        {
            probeLock.Release();
        }
    }

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        var requestOptions = options;
        if (requestedDimensions is { } dimensions && options?.Dimensions is null)
        {
            requestOptions = options?.Clone() ?? new EmbeddingGenerationOptions();
            requestOptions.Dimensions = dimensions;
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        for (var start = 0; start < texts.Count; start += this.batchSize)
        {
            var batch = new string[Math.Min(this.batchSize, texts.Count - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = texts[start + i] ?? throw new ArgumentException($"Input {start + i} is null.", nameof(values));
            }
            var answer = await base.GenerateAsync(batch, requestOptions, cancellationToken).ConfigureAwait(false);
            if (answer.Count != batch.Length)
            {
                throw new InvalidOperationException($"{ModelId} returned {answer.Count} embeddings for {batch.Length} inputs.");
            }
            foreach (var embedding in answer)
            {
                CheckDimension(embedding.Vector.Length);
                embeddings.Add(embedding);
            }
            if (answer.Usage is { } usage)
            {
                (embeddings.Usage ??= new UsageDetails()).Add(usage);
            }
        }
        return embeddings;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            probeLock.Dispose();
        }
        base.Dispose(disposing);
    }

    private void CheckDimension(int length)
    {
        if (requestedDimensions is { } requested)
        {
            if (length != requested)
            {
                throw new InvalidOperationException(
                    $"{ModelId} returned a {length}-dimensional vector but Dimensions is {requested}; does the model support that size?");
            }
            return;
        }
        var previous = Interlocked.CompareExchange(ref this.dimension, length, 0);
        if (previous != 0 && previous != length)
        {
            throw new InvalidOperationException(
                $"{ModelId} returned a {length}-dimensional vector after {previous}-dimensional ones; was the model behind the endpoint changed?");
        }
    }
}
