using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Portal.Features.Search;

/// <summary>A document in the results with its matching passages, best first.</summary>
public sealed record DocumentHits(Guid DocumentId, string Name, string? Title, DocumentKind? Kind, DateTimeOffset? IndexedAt, IReadOnlyList<Passage> Passages)
{
    public string DisplayTitle => string.IsNullOrWhiteSpace(Title) ? Name : Title;
}
