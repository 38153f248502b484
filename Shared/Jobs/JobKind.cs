namespace KnowledgePortal.Shared.Jobs;

public enum JobKind
{
    /// <summary>Parse, chunk, embed and index a new or changed document.</summary>
    Ingest = 0,

    /// <summary>Re-embed and re-index a document from its stored original (after a model change).</summary>
    Reindex = 1,
}
