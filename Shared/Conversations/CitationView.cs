using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Shared.Conversations;

/// <summary>A stored citation of a document its reader may still read.</summary>
public sealed record CitationView(
    int Number, Guid DocumentId, string DocumentName, string? DocumentTitle, long ChunkId, int PageStart, int PageEnd, string Quote, DocumentKind? Kind = null);
