using System.Numerics.Tensors;

namespace KnowledgePortal.Shared.Gaps;

/// <summary>
/// Groups questions by meaning: each question, newest first, joins the group whose mean embedding is
/// most similar to it when that similarity reaches the threshold, and starts a group otherwise.
/// One pass, so grouping n questions into g groups costs n·g comparisons.
/// </summary>
public static class GapClustering
{
    /// <summary>Indexes of <paramref name="vectors"/> per group, in the order the groups were started.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Group(IReadOnlyList<ReadOnlyMemory<float>> vectors, double threshold)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var groups = new List<(float[] Sum, List<int> Members)>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var vector = vectors[i].Span;
            var best = -1;
            var bestSimilarity = double.NegativeInfinity;
            for (var g = 0; g < groups.Count; g++)
            {
                var similarity = TensorPrimitives.CosineSimilarity(vector, groups[g].Sum);
                if (similarity > bestSimilarity)
                {
                    (best, bestSimilarity) = (g, similarity);
                }
            }
            if (best >= 0 && bestSimilarity >= threshold)
            {
                TensorPrimitives.Add(groups[best].Sum, vector, groups[best].Sum);
                groups[best].Members.Add(i);
            }
            else
            {
                groups.Add((vector.ToArray(), [i]));
            }
        }
        return [.. groups.Select(g => (IReadOnlyList<int>)g.Members)];
    }
}
