using System.Runtime.InteropServices;
using System.Text.Json;

namespace KnowledgePortal.Tests.Shared.Embeddings;

/// <summary>Server-side answers of the loopback embedding servers: a vector derived from each input.</summary>
internal static class FakeEmbeddings
{
    public static float[] VectorFor(string text, int dimensions)
    {
        var vector = new float[dimensions];
        vector[0] = text.Length;
        vector[1] = text.Sum(c => c) % 997;
        for (var i = 2; i < dimensions; i++)
        {
            vector[i] = 0.25f * i;
        }
        return vector;
    }

    /// <summary>POST /v1/embeddings as OpenAI answers it (base64 floats when asked, unless <paramref name="alwaysFloatArrays"/>).</summary>
    public static string OpenAiAnswer(RecordedRequest request, int dimensions, bool alwaysFloatArrays = false)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/embeddings", request.Path);
        var inputs = request.Inputs;
        var base64 = !alwaysFloatArrays
            && request.Body.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        var data = inputs.Select((text, index) =>
        {
            var vector = VectorFor(text, dimensions);
            object embedding = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector;
            return new Dictionary<string, object> { ["object"] = "embedding", ["index"] = index, ["embedding"] = embedding };
        }).ToArray();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request.Body.GetProperty("model").GetString()!,
            ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = 3 * inputs.Length, ["total_tokens"] = 3 * inputs.Length },
        });
    }

    /// <summary>POST /api/embed as Ollama answers it.</summary>
    public static string OllamaAnswer(RecordedRequest request, int dimensions)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/embed", request.Path);
        var inputs = request.Inputs;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = request.Body.GetProperty("model").GetString()!,
            ["embeddings"] = inputs.Select(text => VectorFor(text, dimensions)).ToArray(),
            ["total_duration"] = 1_000_000,
            ["load_duration"] = 1_000,
            ["prompt_eval_count"] = 3 * inputs.Length,
        });
    }
}
