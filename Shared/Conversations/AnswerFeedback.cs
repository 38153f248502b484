namespace KnowledgePortal.Shared.Conversations;

/// <summary>
/// Thumbs up or down on an answer. It keeps its own copy of the question, the answer and the cited
/// chunks, so editors still see what went wrong after the person deletes the conversation.
/// </summary>
public sealed class AnswerFeedback
{
    public long Id { get; set; }

    public long? MessageId { get; set; }

    public required string UserId { get; set; }

    public bool Helpful { get; set; }

    public FeedbackReason? Reason { get; set; }

    public string? Comment { get; set; }

    public required string Question { get; set; }

    public required string Answer { get; set; }

    /// <summary>Ids of the cited chunks, comma-separated.</summary>
    public string CitedChunkIds { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
