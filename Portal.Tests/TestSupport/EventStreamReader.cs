using System.Text;
using System.Text.Json;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>Reads a text/event-stream response event by event, as the bytes arrive (not after the response ended).</summary>
public sealed class EventStreamReader(Stream body) : IDisposable
{
    private readonly StreamReader reader = new(body, Encoding.UTF8);

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<(string Event, JsonElement Data)?> NextAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    using var json = JsonDocument.Parse(data.ToString());
                    return (name ?? "message", json.RootElement.Clone());
                }
                continue;
            }
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                // The API promises one data line per event: a second one would be a broken event.
                Assert.Equal(0, data.Length);
                data.Append(line["data:".Length..].TrimStart());
            }
        }
        return null;
    }

    public async Task<List<(string Event, JsonElement Data)>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var events = new List<(string, JsonElement)>();
        while (await NextAsync(cancellationToken) is { } next)
        {
            events.Add(next);
        }
        return events;
    }

    public void Dispose() => reader.Dispose();
}
