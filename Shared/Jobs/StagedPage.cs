namespace KnowledgePortal.Shared.Jobs;

/// <summary>Page text produced by a running job, published with its chunks by the indexing step.</summary>
public sealed class StagedPage
{
    public long JobId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }
}
