using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace KnowledgePortal.Tests.Shared.Embeddings;

internal static class VectorMath
{
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.CosineSimilarity(a, b);

    public static float Cosine(Embedding<float> a, Embedding<float> b) => Cosine(a.Vector.Span, b.Vector.Span);
}
