namespace KnowledgePortal.Shared.Conversations;

/// <summary>One question and the answer the portal gave, with the sources it cited.</summary>
public sealed class ConversationMessage
{
    public long Id { get; set; }

    public Guid ConversationId { get; set; }

    public int Ordinal { get; set; }

    public required string Question { get; set; }

    /// <summary>What was searched (the follow-up made standalone).</summary>
    public string? SearchQuery { get; set; }

    public required string Answer { get; set; }

    public bool NotFound { get; set; }

    /// <summary>How well the sources supported the answer (<see cref="Answering.ExtractiveAnswerer.Assess"/>); null for "not found". A weak one is a knowledge gap.</summary>
    public double? EvidenceScore { get; set; }

    /// <summary>The answer was stopped before it was complete.</summary>
    public bool Stopped { get; set; }

    public string? Notice { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<MessageCitation> Citations { get; set; } = [];
}
