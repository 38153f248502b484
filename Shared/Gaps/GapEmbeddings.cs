using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Gaps;

/// <summary>
/// Embeds gap questions for grouping, each distinct text once per process. The queue is built from
/// the same questions on every view, and embedding up to <see cref="GapsOptions.MaxSignals"/> of
/// them each time would keep an editor waiting seconds on a small machine.
/// </summary>
public sealed class GapEmbeddings(IEmbeddingGenerator<string, Embedding<float>> embedder, IOptions<GapsOptions> options)
{
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<float>> known = new(StringComparer.Ordinal);
    private long embedded;

    /// <summary>How many texts this process has had to embed; the rest came from memory.</summary>
    public long Embedded => Interlocked.Read(ref embedded);

    /// <summary>The vector of each text, in order.</summary>
    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var missing = texts.Distinct(StringComparer.Ordinal).Where(t => !known.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            var vectors = await embedder.GenerateAsync(missing, cancellationToken: cancellationToken);
            // Questions fall out of the window over time: start over rather than grow without bound.
            if (known.Count + missing.Count > 4 * options.Value.MaxSignals)
            {
                known.Clear();
            }
            for (var i = 0; i < missing.Count; i++)
            {
                known[missing[i]] = vectors[i].Vector;
            }
            Interlocked.Add(ref embedded, missing.Count);
        }
        return [.. texts.Select(t => known.TryGetValue(t, out var vector) ? vector : throw new InvalidOperationException("A gap question lost its vector."))];
    }
}
