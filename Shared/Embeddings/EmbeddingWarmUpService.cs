using KnowledgePortal.Shared.Embeddings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// Prepares the configured embedder once the host has started: loads the local ONNX model
/// (~0.5 s and ~90 MB) or learns a remote model's dimension. The host does not wait for it, so the
/// portal starts at once; a request arriving earlier simply shares the same load.
/// </summary>
internal sealed partial class EmbeddingWarmUpService(
    IEmbeddingModel model, IOptions<EmbeddingOptions> options, IHostApplicationLifetime lifetime, ILogger<EmbeddingWarmUpService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp)
        {
            return;
        }
        // Start-up work (migrations, the first page) goes first; the model loads after it.
        if (!await WaitForStartedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }
        try
        {
            switch (model)
            {
                case LocalMiniLmEmbeddingGenerator local:
                    await local.WarmUpAsync(stoppingToken).ConfigureAwait(false);
                    break;
                case RemoteEmbeddingGenerator remote:
                    var dimension = await remote.GetDimensionAsync(stoppingToken).ConfigureAwait(false);
                    LogRemoteReady(logger, remote.ModelId, dimension);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the model was needed.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A remote embedder that is down at start-up is not fatal: the first request retries and reports it.
            LogWarmUpFailed(logger, exception, model.ModelId);
        }
    }

    private async Task<bool> WaitForStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model {ModelId} is ready ({Dimension} dimensions)")]
    private static partial void LogRemoteReady(ILogger logger, string modelId, int dimension);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare embedding model {ModelId} at start-up; the first request will try again")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception, string modelId);
}
