using System.Text.Json;

namespace KnowledgePortal.Tests.Shared.Embeddings;

/// <summary>One request a <see cref="LoopbackHttpServer"/> received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, JsonElement Body)
{
    public string[] Inputs => [.. Body.GetProperty("input").EnumerateArray().Select(e => e.GetString()!)];
}
