using System.Net.Http.Headers;
using KnowledgePortal.Shared.Answering;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Health;

/// <summary>
/// Whether the configured chat model's server answers, asked at most once a minute however often
/// <c>/health</c> is polled. It lists the server's models (OpenAI-compatible <c>GET /models</c>, Ollama
/// <c>GET /api/tags</c>): no tokens are spent and nothing is generated.
/// </summary>
public sealed class ChatModelProbe(IOptions<ChatModelOptions> options, IHttpClientFactory httpClients, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "chat-model-probe";

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly ChatModelOptions options = options.Value;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ChatModelHealth? last;

    public async Task<ChatModelHealth> GetAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == ChatModelProvider.None)
        {
            return new ChatModelHealth(options.Provider.ToString(), null, Reachable: null, CheckedAt: null, Problem: null);
        }
        if (Fresh(last) is { } known)
        {
            return known;
        }
        // One probe at a time; those who waited for it share its result.
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(last) is { } justProbed)
            {
                return justProbed;
            }
            var (reachable, problem) = await ProbeAsync(cancellationToken);
            last = new ChatModelHealth(options.Provider.ToString(), options.Model, reachable, time.GetUtcNow(), problem);
            return last;
        }
        finally
        {
            gate.Release();
        }
    }

    private ChatModelHealth? Fresh(ChatModelHealth? health) =>
        health?.CheckedAt is { } at && time.GetUtcNow() - at < Interval ? health : null;

    private async Task<(bool Reachable, string? Problem)> ProbeAsync(CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint!.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Get,
            options.Provider == ChatModelProvider.Ollama ? endpoint + "/api/tags" : endpoint + "/models");
        if (options.Provider == ChatModelProvider.OpenAI && !string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            // Only the status is reported: a server's error body may echo the credential it rejected.
            return response.IsSuccessStatusCode
                ? (true, null)
                : (false, $"The chat model server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"The chat model server did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            // The error kind, not the message: messages can quote the URL, and a URL can carry credentials.
            return (false, $"The chat model server cannot be reached ({e.HttpRequestError}).");
        }
    }

    public void Dispose() => gate.Dispose();
}
