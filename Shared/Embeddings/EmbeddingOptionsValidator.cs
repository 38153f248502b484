using KnowledgePortal.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>Start-up check of <see cref="EmbeddingOptions"/> with messages that name the setting to fix.</summary>
internal sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    private const string Section = EmbeddingOptions.SectionName;

    // Bounds the buffers a local run pre-allocates (64 MB of activations per 64 inputs).
    private const int MaxLocalBatchSize = 256;

    // OpenAI rejects more inputs per request.
    private const int MaxRemoteBatchSize = 2048;

    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:Provider must be Local, OpenAI or Ollama.");
            return ValidateOptionsResult.Fail(failures);
        }

        if (options.Provider == EmbeddingProvider.Local)
        {
            ValidateLocal(options, failures);
        }
        else
        {
            ValidateRemote(options, failures);
        }

        if (options.Dimensions is <= 0)
        {
            failures.Add($"{Section}:Dimensions must be positive when set.");
        }
        if (options.MaxInputTokens is <= 0)
        {
            failures.Add($"{Section}:MaxInputTokens must be positive when set.");
        }
        if (options.IntraOpThreads is < 0)
        {
            failures.Add($"{Section}:IntraOpThreads must be 0 (one per processor) or more.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLocal(EmbeddingOptions options, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.Model)
            && !string.Equals(options.Model, LocalMiniLmEmbeddingGenerator.ModelName, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(
                $"{Section}:Model '{options.Model}' needs Provider OpenAI or Ollama; Provider Local only runs {LocalMiniLmEmbeddingGenerator.ModelName}.");
        }
        if (options.Dimensions is { } dimensions && dimensions != LocalMiniLmEmbeddingGenerator.EmbeddingDimension)
        {
            failures.Add(
                $"{Section}:Dimensions is {dimensions} but {LocalMiniLmEmbeddingGenerator.ModelName} produces {LocalMiniLmEmbeddingGenerator.EmbeddingDimension}.");
        }
        // Chunk size is the chunker's setting; this one states what the model reads, which is fixed.
        var localLimit = LocalMiniLmEmbeddingGenerator.MaxSequenceLength - 2;
        if (options.MaxInputTokens is { } maxInputTokens && maxInputTokens != localLimit)
        {
            failures.Add(
                $"{Section}:MaxInputTokens is {maxInputTokens} but {LocalMiniLmEmbeddingGenerator.ModelName} reads {localLimit} word pieces (256 positions less [CLS] and [SEP]); leave it unset with Provider Local.");
        }
        if (options.BatchSize is < 1 or > MaxLocalBatchSize)
        {
            failures.Add($"{Section}:BatchSize must be between 1 and {MaxLocalBatchSize} with Provider Local.");
        }
    }

    private static void ValidateRemote(EmbeddingOptions options, List<string> failures)
    {
        var provider = options.Provider.ToString();
        RemoteModelSettings.Check(Section, provider, options.Endpoint, options.Model, failures);
        if (options.BatchSize is < 1 or > MaxRemoteBatchSize)
        {
            failures.Add($"{Section}:BatchSize must be between 1 and {MaxRemoteBatchSize} with Provider {provider}.");
        }
    }
}
