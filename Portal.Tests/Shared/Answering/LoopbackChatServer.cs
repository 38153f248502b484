using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>
/// A real HTTP server on a loopback port for chat-model tests: records each request and lets the test
/// answer it over the wire as it likes (a stream written piece by piece, an error, silence, a cut connection).
/// Each request is served on its own task, so a stalled answer does not hold up the next request.
/// </summary>
internal sealed class LoopbackChatServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly Func<ChatExchange, Task> handle;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentBag<Task> exchanges = [];
    private readonly Task accepting;

    private LoopbackChatServer(HttpListener listener, Uri baseAddress, Func<ChatExchange, Task> handle)
    {
        this.listener = listener;
        BaseAddress = baseAddress;
        this.handle = handle;
        accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Root of the server, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedChatRequest> Requests { get; } = new();

    /// <summary>Completes when a client closed a connection the server was still writing to.</summary>
    public TaskCompletionSource ClientDisconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static LoopbackChatServer Start(Func<ChatExchange, Task> handle)
    {
        for (var attempt = 0; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(baseAddress.ToString());
            try
            {
                listener.Start();
                return new LoopbackChatServer(listener, baseAddress, handle);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and listening.
                listener.Close();
            }
        }
    }

    /// <summary>A loopback address nothing listens on: connecting to it is refused at once.</summary>
    public static Uri ClosedPortAddress() => new($"http://127.0.0.1:{FreePort()}/");

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        this.listener.Stop();
        this.listener.Close();
        try
        {
            await accepting;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener aborts the pending GetContextAsync.
        }
        foreach (var exchange in exchanges)
        {
            try
            {
                await exchange;
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
            {
                // An exchange cut short by the shutdown.
            }
        }
        stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var context = await this.listener.GetContextAsync();
            exchanges.Add(Task.Run(() => ServeAsync(context)));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(stopping.Token);
        var request = new RecordedChatRequest(
            context.Request.HttpMethod,
            context.Request.Url!.AbsolutePath,
            context.Request.Headers["Authorization"],
            JsonDocument.Parse(body).RootElement.Clone(),
            body);
        Requests.Enqueue(request);
        var exchange = new ChatExchange(request, context.Response, ClientDisconnected, stopping.Token);
        try
        {
            await this.handle(exchange);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            ClientDisconnected.TrySetResult();
        }
    }
}
