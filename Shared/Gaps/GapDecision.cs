namespace KnowledgePortal.Shared.Gaps;

/// <summary>What an editor decided about a signal: dismissed with a reason, or answered by an article.</summary>
public sealed class GapDecision
{
    public long Id { get; set; }

    public GapSignalKind SignalKind { get; set; }

    public long SignalId { get; set; }

    /// <summary>The article written to answer it; null when dismissed.</summary>
    public Guid? ArticleId { get; set; }

    public string? Reason { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset At { get; set; }
}
