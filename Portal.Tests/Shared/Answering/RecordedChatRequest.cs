using System.Text.Json;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>One request a <see cref="LoopbackChatServer"/> received, as sent over the wire.</summary>
internal sealed record RecordedChatRequest(string Method, string Path, string? Authorization, JsonElement Body, string RawBody)
{
    /// <summary>Whether the client asked for a streamed answer.</summary>
    public bool Streamed => Body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    /// <summary>The chat messages as (role, text); content given as parts is joined.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
    [
        .. Body.GetProperty("messages").EnumerateArray().Select(m => (
            m.GetProperty("role").GetString()!,
            m.GetProperty("content") is { ValueKind: JsonValueKind.Array } parts
                ? string.Concat(parts.EnumerateArray().Select(p => p.GetProperty("text").GetString()))
                : m.GetProperty("content").GetString()!)),
    ];
}
