using System.Runtime.InteropServices;

namespace KnowledgePortal.Shared.Storage;

/// <summary>Embeddings as stored in the database: little-endian float32, dimension = bytes / 4.</summary>
public static class VectorBytes
{
    public static byte[] From(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static int Dimension(byte[] bytes) => bytes.Length / sizeof(float);

    public static void CopyTo(ReadOnlySpan<byte> bytes, Span<float> destination) =>
        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);

    public static float[] ToFloats(ReadOnlySpan<byte> bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
