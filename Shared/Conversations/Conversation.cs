namespace KnowledgePortal.Shared.Conversations;

/// <summary>A person's conversation with the portal: questions asked in order, each with its answer.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ConversationMessage> Messages { get; set; } = [];
}
