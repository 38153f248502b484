namespace KnowledgePortal.Shared.Jobs;

/// <summary>Pipeline steps in order; a resumed job restarts at the step it had reached.</summary>
public enum JobStep
{
    Queued = 0,
    Parsing = 1,
    Chunking = 2,
    Embedding = 3,
    Indexing = 4,
    Done = 5,
}
