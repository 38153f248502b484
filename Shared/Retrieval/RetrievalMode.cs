namespace KnowledgePortal.Shared.Retrieval;

public enum RetrievalMode
{
    /// <summary>Vector and keyword results fused by reciprocal rank (the default).</summary>
    Hybrid,

    /// <summary>Embedding similarity only.</summary>
    Vector,

    /// <summary>bm25 only.</summary>
    Keyword,
}
