namespace KnowledgePortal.Portal.Health;

/// <param name="Documents">Searchable documents.</param>
/// <param name="Chunks">Searchable passages.</param>
/// <param name="Model">The embedding model that built the index; null while the index is empty.</param>
/// <param name="Dimension">Its vector length.</param>
/// <param name="ConfiguredModel">The embedding model queries are embedded with now.</param>
/// <param name="ConfiguredDimension">Its vector length, when known (a remote model's is learnt from its first answer).</param>
/// <param name="Matches">False when the index was built by another model: vector search then skips it until `kp reindex`.</param>
public sealed record IndexHealth(int Documents, long Chunks, string? Model, int? Dimension, string ConfiguredModel, int? ConfiguredDimension, bool Matches);
