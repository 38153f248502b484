namespace KnowledgePortal.Shared.Articles;

/// <summary>One entry of an article's audit trail: who did what, when.</summary>
public sealed class ArticleEvent
{
    public long Id { get; set; }

    public Guid ArticleId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The person's user id, or "kp" for the command line.</summary>
    public required string UserId { get; set; }

    public ArticleAction Action { get; set; }

    /// <summary>The version the action made or restored, when it concerns one.</summary>
    public int? Version { get; set; }

    /// <summary>A reviewer's comment or another short note for people.</summary>
    public string? Comment { get; set; }
}
