namespace KnowledgePortal.Shared.Documents;

public enum DocumentStatus
{
    /// <summary>Waiting for the ingestion worker.</summary>
    Queued = 0,

    /// <summary>A job is parsing, chunking, embedding or indexing it.</summary>
    Processing = 1,

    /// <summary>Searchable.</summary>
    Ready = 2,

    /// <summary>The latest version could not be ingested; an earlier version, if any, stays searchable.</summary>
    Failed = 3,
}
