namespace KnowledgePortal.Shared.Retrieval;

/// <summary>A chunk an index found, with that index's own score (cosine similarity, or bm25 turned positive).</summary>
public readonly record struct ScoredChunk(long ChunkId, double Score);
