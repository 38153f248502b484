using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Shared.VectorStores;

/// <summary>What the embedded index knows of a document to filter its rows: kind, audience, and whether its vectors are in the current model's space.</summary>
internal sealed record DocumentInfo(Guid Id, DocumentKind? Kind, string[] Audience, bool Searchable);
