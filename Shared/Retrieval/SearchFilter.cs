using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Shared.Retrieval;

/// <summary>
/// Who is searching and within what. Every index applies it inside the search, before ranking,
/// so top-N is taken over readable passages only and nothing about other documents leaks.
/// </summary>
/// <param name="Principals">The caller's principals; a document is readable when its audience shares one.</param>
/// <param name="DocumentIds">Only these documents, when set.</param>
/// <param name="Kinds">Only these kinds of document, when set.</param>
public sealed record SearchFilter(
    IReadOnlySet<string> Principals,
    IReadOnlyCollection<Guid>? DocumentIds = null,
    IReadOnlyCollection<DocumentKind>? Kinds = null)
{
    public static SearchFilter Everyone { get; } = new(Documents.Principals.EveryoneOnly);

    public bool AllowsAudience(IEnumerable<string> audience) =>
        audience.Any(a => Principals.Contains(a) || Principals.Any(p => string.Equals(p, a, StringComparison.OrdinalIgnoreCase)));

    public bool AllowsDocument(Guid documentId, DocumentKind? kind) =>
        (DocumentIds is null || DocumentIds.Contains(documentId))
        && (Kinds is null || (kind is { } k && Kinds.Contains(k)));
}
