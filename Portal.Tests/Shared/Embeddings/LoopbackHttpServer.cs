using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KnowledgePortal.Tests.Shared.Embeddings;

/// <summary>A real HTTP server on a loopback port that records requests and answers with a handler.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly Func<RecordedRequest, string> respond;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    private LoopbackHttpServer(HttpListener listener, Uri baseAddress, Func<RecordedRequest, string> respond)
    {
        this.listener = listener;
        BaseAddress = baseAddress;
        this.respond = respond;
        serving = Task.Run(ServeAsync);
    }

    /// <summary>Root of the server, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <param name="respond">Returns the JSON body of a 200 response.</param>
    public static LoopbackHttpServer Start(Func<RecordedRequest, string> respond)
    {
        for (var attempt = 0; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(baseAddress.ToString());
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, baseAddress, respond);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and listening.
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        this.listener.Stop();
        this.listener.Close();
        try
        {
            await serving;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener aborts the pending GetContextAsync.
        }
        stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var context = await this.listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(stopping.Token);
            var request = new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.Headers["Authorization"],
                JsonDocument.Parse(body).RootElement.Clone());
            Requests.Enqueue(request);

            string answer;
            try
            {
                answer = this.respond(request);
                context.Response.StatusCode = 200;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                answer = JsonSerializer.Serialize(new { error = new { message = exception.Message } });
                context.Response.StatusCode = 400;
            }
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stopping.Token);
            context.Response.Close();
        }
    }
}
