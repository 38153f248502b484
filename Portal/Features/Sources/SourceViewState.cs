namespace KnowledgePortal.Portal.Features.Sources;

public enum SourceViewState
{
    /// <summary>No such document, or one the reader may not read: the two look the same.</summary>
    NotFound,

    /// <summary>Added but not indexed yet: there is no text to show.</summary>
    Indexing,

    /// <summary>Never indexed because its only version failed.</summary>
    Failed,

    /// <summary>Indexed; its pages can be shown (a newer version may be in progress or have failed).</summary>
    Ready,
}
