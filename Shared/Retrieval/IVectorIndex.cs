namespace KnowledgePortal.Shared.Retrieval;

/// <summary>Nearest-neighbour search over chunk embeddings, filtered inside the search.</summary>
public interface IVectorIndex
{
    /// <summary>The best <paramref name="top"/> readable chunks by cosine similarity to <paramref name="vector"/>, best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> vector, SearchFilter filter, int top, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the index reflect the database for the given documents (their chunks were just replaced,
    /// deleted, or their audience changed). Indexes that read the database themselves may do nothing.
    /// </summary>
    Task SynchronizeAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken);
}
