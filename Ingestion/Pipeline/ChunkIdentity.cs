using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>
/// Gives a re-indexed passage the id it had before when its text and place in the document are the same,
/// so citations saved in conversations (and chunk ids an integration kept) survive a re-index of
/// unchanged content; a passage that changed or moved gets a new id, and its old citations say so.
/// </summary>
internal sealed class ChunkIdentity(IEnumerable<ChunkIdentity.Known> previous)
{
    private readonly Dictionary<Place, Queue<long>> ids = Index(previous);

    public void Reuse(IEnumerable<Chunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            if (ids.TryGetValue(new Place(chunk.Text, chunk.PageStart, chunk.PageEnd, chunk.StartOffset, chunk.EndOffset), out var queue) && queue.TryDequeue(out var id))
            {
                chunk.Id = id;
            }
        }
    }

    private static Dictionary<Place, Queue<long>> Index(IEnumerable<Known> previous)
    {
        var index = new Dictionary<Place, Queue<long>>();
        foreach (var known in previous.OrderBy(k => k.Id))
        {
            var key = new Place(known.Text, known.PageStart, known.PageEnd, known.StartOffset, known.EndOffset);
            if (!index.TryGetValue(key, out var queue))
            {
                index[key] = queue = new Queue<long>();
            }
            queue.Enqueue(known.Id);
        }
        return index;
    }

    /// <summary>What must be the same for a passage to keep its id: its text and where it sits.</summary>
    private sealed record Place(string Text, int PageStart, int PageEnd, int StartOffset, int EndOffset);

    /// <summary>A passage as it was before the re-index.</summary>
    internal sealed record Known(long Id, string Text, int PageStart, int PageEnd, int StartOffset, int EndOffset);
}
