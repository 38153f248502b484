namespace KnowledgePortal.Shared.Retrieval;

/// <summary>A chunk after rank fusion.</summary>
/// <param name="Ranks">The 1-based rank in each input list, null where the item was absent.</param>
public sealed record FusedChunk(long ChunkId, double Score, int?[] Ranks);
