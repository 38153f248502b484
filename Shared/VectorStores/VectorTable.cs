using System.Numerics.Tensors;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;

namespace KnowledgePortal.Shared.VectorStores;

/// <summary>
/// Vectors in one contiguous array, each document's rows side by side, so a filtered search
/// visits only the readable documents' ranges. Replacing a document appends its new rows and
/// marks the old ones dead; the array is compacted when a quarter of it is dead.
/// </summary>
internal sealed class VectorTable(int dimension) : IDisposable
{
    /// <summary>Above this many candidate rows a search is split across cores.</summary>
    private const int ParallelThreshold = 32_768;

    private readonly ReaderWriterLockSlim gate = new();
    private readonly Dictionary<Guid, int> slotOf = [];
    private readonly List<Slot> slots = [];
    private float[] vectors = [];
    private long[] chunkIds = [];
    private int rows;
    private int deadRows;

    public int LiveRows
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return rows - deadRows;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    public void Clear()
    {
        gate.EnterWriteLock();
        try
        {
            slotOf.Clear();
            slots.Clear();
            vectors = [];
            chunkIds = [];
            rows = deadRows = 0;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Replaces a document's rows and metadata. Vectors of another dimension are skipped (they belong to another model).</summary>
    public void Replace(DocumentInfo info, IReadOnlyList<(long Id, byte[] Vector)> documentRows)
    {
        var usable = documentRows.Where(r => VectorBytes.Dimension(r.Vector) == dimension).ToList();
        gate.EnterWriteLock();
        try
        {
            RemoveLocked(info.Id);
            EnsureCapacity(rows + usable.Count);
            var start = rows;
            foreach (var (id, vector) in usable)
            {
                VectorBytes.CopyTo(vector, vectors.AsSpan(rows * dimension, dimension));
                chunkIds[rows] = id;
                rows++;
            }
            slotOf[info.Id] = slots.Count;
            slots.Add(new Slot(info, start, usable.Count));
            CompactIfWastefulLocked();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public void Remove(Guid documentId)
    {
        gate.EnterWriteLock();
        try
        {
            RemoveLocked(documentId);
            CompactIfWastefulLocked();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public IReadOnlyList<ScoredChunk> Search(ReadOnlySpan<float> query, SearchFilter filter, int top)
    {
        if (top <= 0)
        {
            return [];
        }
        var queryCopy = query.ToArray();
        gate.EnterReadLock();
        try
        {
            var ranges = new List<(int Start, int Count)>();
            var candidates = 0;
            foreach (var slot in slots)
            {
                if (slot is { Count: > 0 } && slot.Info.Searchable && filter.AllowsDocument(slot.Info.Id, slot.Info.Kind) && filter.AllowsAudience(slot.Info.Audience))
                {
                    ranges.Add((slot.Start, slot.Count));
                    candidates += slot.Count;
                }
            }
            if (candidates == 0)
            {
                return [];
            }
            if (candidates < ParallelThreshold || Environment.ProcessorCount == 1)
            {
                var best = new TopK(top);
                foreach (var (start, count) in ranges)
                {
                    ScoreRange(queryCopy, start, count, best);
                }
                return best.ToList();
            }
            return SearchInParallel(queryCopy, ranges, candidates, top);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    private List<ScoredChunk> SearchInParallel(float[] query, List<(int Start, int Count)> ranges, int candidates, int top)
    {
        // Cut the candidate rows into equal shares, one per core; each keeps its own top-k, merged at the end.
        var parts = Environment.ProcessorCount;
        var share = (candidates + parts - 1) / parts;
        var work = new List<(int Start, int Count)>[parts];
        for (var p = 0; p < parts; p++)
        {
            work[p] = [];
        }
        var part = 0;
        var room = share;
        foreach (var (start, count) in ranges)
        {
            var offset = 0;
            while (offset < count)
            {
                var take = Math.Min(room, count - offset);
                work[part].Add((start + offset, take));
                offset += take;
                room -= take;
                if (room == 0 && part < parts - 1)
                {
                    part++;
                    room = share;
                }
            }
        }
        var results = new TopK[parts];
        Parallel.For(0, parts, p =>
        {
            var best = new TopK(top);
            foreach (var (start, count) in work[p])
            {
                ScoreRange(query, start, count, best);
            }
            results[p] = best;
        });
        var merged = new TopK(top);
        foreach (var result in results)
        {
            foreach (var hit in result.ToList())
            {
                merged.Offer(hit.ChunkId, (float)hit.Score);
            }
        }
        return merged.ToList();
    }

    private void ScoreRange(float[] query, int start, int count, TopK best)
    {
        var data = vectors;
        for (var row = start; row < start + count; row++)
        {
            // Vectors are unit length (the embedders normalise), so the dot product is the cosine similarity.
            var score = TensorPrimitives.Dot(query, data.AsSpan(row * dimension, dimension));
            best.Offer(chunkIds[row], score);
        }
    }

    private void RemoveLocked(Guid documentId)
    {
        if (!slotOf.Remove(documentId, out var index))
        {
            return;
        }
        deadRows += slots[index].Count;
        slots[index] = slots[index] with { Count = 0, Removed = true };
    }

    private void CompactIfWastefulLocked()
    {
        if (deadRows < 1024 || deadRows < rows / 4)
        {
            if (slots.Count > 64 && slots.Count(s => s.Removed) > slots.Count / 2)
            {
                CompactLocked();
            }
            return;
        }
        CompactLocked();
    }

    private void CompactLocked()
    {
        var live = rows - deadRows;
        var newVectors = new float[Math.Max(live, 16) * dimension];
        var newIds = new long[Math.Max(live, 16)];
        var newSlots = new List<Slot>(slotOf.Count);
        slotOf.Clear();
        var next = 0;
        foreach (var slot in slots.Where(s => !s.Removed))
        {
            vectors.AsSpan(slot.Start * dimension, slot.Count * dimension).CopyTo(newVectors.AsSpan(next * dimension));
            chunkIds.AsSpan(slot.Start, slot.Count).CopyTo(newIds.AsSpan(next));
            slotOf[slot.Info.Id] = newSlots.Count;
            newSlots.Add(slot with { Start = next });
            next += slot.Count;
        }
        slots.Clear();
        slots.AddRange(newSlots);
        vectors = newVectors;
        chunkIds = newIds;
        rows = next;
        deadRows = 0;
    }

    private void EnsureCapacity(int neededRows)
    {
        if (neededRows <= chunkIds.Length)
        {
            return;
        }
        var capacity = Math.Max(neededRows, Math.Max(1024, chunkIds.Length * 2));
        Array.Resize(ref vectors, capacity * dimension);
        Array.Resize(ref chunkIds, capacity);
    }

    public void Dispose() => gate.Dispose();

    private sealed record Slot(DocumentInfo Info, int Start, int Count, bool Removed = false);

    /// <summary>The k best scores seen, kept in a min-heap so each offer is O(log k).</summary>
    private sealed class TopK(int k)
    {
        private readonly PriorityQueue<long, float> heap = new(k + 1);

        public void Offer(long chunkId, float score)
        {
            if (heap.Count < k)
            {
                heap.Enqueue(chunkId, score);
            }
            else if (heap.TryPeek(out _, out var worst) && score > worst)
            {
                heap.EnqueueDequeue(chunkId, score);
            }
        }

        public List<ScoredChunk> ToList()
        {
            var items = heap.UnorderedItems.Select(i => new ScoredChunk(i.Element, i.Priority)).ToList();
            items.Sort((a, b) => b.Score.CompareTo(a.Score));
            return items;
        }
    }
}
