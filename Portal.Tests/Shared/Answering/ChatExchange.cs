using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>
/// One request to a <see cref="LoopbackChatServer"/> and the means to answer it in the OpenAI
/// chat-completions or Ollama /api/chat wire format, streamed or whole.
/// </summary>
internal sealed class ChatExchange(RecordedChatRequest request, HttpListenerResponse response, TaskCompletionSource disconnected, CancellationToken stopping)
{
    private const string Model = "test-chat";

    public RecordedChatRequest Request { get; } = request;

    public CancellationToken Stopping { get; } = stopping;

    /// <summary>Replies with an HTTP error and a JSON body.</summary>
    public Task FailAsync(int status, string message) =>
        WriteWholeAsync(status, JsonSerializer.Serialize(new { error = new { message, type = "server_error" } }));

    /// <summary>POST /v1/chat/completions answered as a stream of server-sent events, one per piece.</summary>
    public async Task StreamOpenAiAsync(IEnumerable<string> pieces, Func<int, Task>? beforePiece = null)
    {
        StartStream("text/event-stream");
        await WriteAsync(Sse(new { role = "assistant", content = "" }, finishReason: null));
        var index = 0;
        foreach (var piece in pieces)
        {
            if (beforePiece is not null)
            {
                await beforePiece(index);
            }
            await WriteAsync(Sse(new { content = piece }, finishReason: null));
            index++;
        }
        await WriteAsync(Sse(new { }, finishReason: "stop"));
        await WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>Starts an OpenAI stream, sends <paramref name="pieces"/>, then keeps the connection open (with SSE comments) until the client leaves.</summary>
    public async Task StreamOpenAiThenStallAsync(IEnumerable<string> pieces)
    {
        StartStream("text/event-stream");
        await WriteAsync(Sse(new { role = "assistant", content = "" }, finishReason: null));
        foreach (var piece in pieces)
        {
            await WriteAsync(Sse(new { content = piece }, finishReason: null));
        }
        await KeepAliveUntilClientLeavesAsync(": still thinking\n\n");
    }

    /// <summary>Starts an OpenAI stream, sends <paramref name="pieces"/>, then cuts the connection.</summary>
    public async Task StreamOpenAiThenDropAsync(IEnumerable<string> pieces)
    {
        // A declared length the body never reaches: HttpListener would end a chunked body cleanly on Abort.
        StartStream("text/event-stream", declaredLength: 1_000_000);
        await WriteAsync(Sse(new { role = "assistant", content = "" }, finishReason: null));
        foreach (var piece in pieces)
        {
            await WriteAsync(Sse(new { content = piece }, finishReason: null));
        }
        await Task.Delay(100, Stopping);
        response.Abort();
    }

    /// <summary>POST /v1/chat/completions answered whole (stream not requested).</summary>
    public Task CompleteOpenAiAsync(string content) =>
        WriteWholeAsync(200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = Model,
            ["choices"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["index"] = 0,
                    ["message"] = new { role = "assistant", content },
                    ["finish_reason"] = "stop",
                },
            },
            ["usage"] = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        }));

    /// <summary>POST /api/chat answered as Ollama streams: one JSON object per line, the last with "done": true.</summary>
    public async Task StreamOllamaAsync(IEnumerable<string> pieces)
    {
        StartStream("application/x-ndjson");
        foreach (var piece in pieces)
        {
            await WriteAsync(OllamaLine(piece, done: false));
        }
        await WriteAsync(OllamaLine(string.Empty, done: true));
    }

    /// <summary>POST /api/chat answered whole (stream false).</summary>
    public Task CompleteOllamaAsync(string content) => WriteWholeAsync(200, OllamaLine(content, done: true), "application/json");

    /// <summary>Sends nothing, holding the request open, until the client gives up or the server stops.</summary>
    public async Task StallAsync()
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, Stopping);
        }
        catch (OperationCanceledException)
        {
            // The server is shutting down.
        }
    }

    private static string Sse(object delta, string? finishReason) =>
        "data: " + JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = Model,
            ["choices"] = new[]
            {
                new Dictionary<string, object?> { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason },
            },
        }) + "\n\n";

    private static string OllamaLine(string content, bool done)
    {
        var line = new Dictionary<string, object>
        {
            ["model"] = Model,
            ["created_at"] = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000).ToString("O", CultureInfo.InvariantCulture),
            ["message"] = new { role = "assistant", content },
            ["done"] = done,
        };
        if (done)
        {
            line["done_reason"] = "stop";
            line["total_duration"] = 1_000_000;
            line["prompt_eval_count"] = 10;
            line["eval_count"] = 5;
        }
        return JsonSerializer.Serialize(line) + "\n";
    }

    private void StartStream(string contentType, long? declaredLength = null)
    {
        response.StatusCode = 200;
        response.ContentType = contentType;
        if (declaredLength is { } length)
        {
            response.ContentLength64 = length;
        }
        else
        {
            response.SendChunked = true;
        }
    }

    private async Task WriteAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await response.OutputStream.WriteAsync(bytes, Stopping);
        await response.OutputStream.FlushAsync(Stopping);
    }

    private async Task WriteWholeAsync(int status, string body, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, Stopping);
    }

    private async Task KeepAliveUntilClientLeavesAsync(string keepAlive)
    {
        try
        {
            while (!Stopping.IsCancellationRequested)
            {
                await Task.Delay(50, Stopping);
                await WriteAsync(keepAlive);
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            disconnected.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            // The server is shutting down.
        }
    }
}
