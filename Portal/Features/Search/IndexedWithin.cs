namespace KnowledgePortal.Portal.Features.Search;

/// <summary>The date facet: when a document was (last) indexed. The "last N days" choices include each other; Older is the rest.</summary>
public enum IndexedWithin
{
    Any,
    Week,
    Month,
    Year,
    Older,
}
