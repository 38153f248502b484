using System.Text;
using System.Text.Json;

namespace KnowledgePortal.Portal.Api;

/// <summary>
/// Writes server-sent events, one JSON payload per <c>data:</c> line, and flushes each one so a client
/// sees it as it happens. JSON never holds a raw line break, so one line always carries a whole event.
/// A client that went away makes later writes no-ops instead of errors: the answer still ends (stopped)
/// and is saved.
/// </summary>
internal sealed class ServerSentEventWriter(HttpResponse response, JsonSerializerOptions json, CancellationToken aborted)
{
    public bool ClientGone { get; private set; }

    public async Task StartAsync()
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        // Reverse proxies (nginx) buffer responses unless told otherwise; buffered deltas would arrive all at once.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.StartAsync(aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            ClientGone = true;
        }
    }

    public async Task WriteAsync<T>(string eventName, T data)
    {
        if (ClientGone)
        {
            return;
        }
        var text = $"event: {eventName}\ndata: {JsonSerializer.Serialize(data, json)}\n\n";
        try
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), aborted);
            await response.Body.FlushAsync(aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            ClientGone = true;
        }
    }
}
