namespace KnowledgePortal.Shared.Conversations;

/// <summary>A conversation as the history list shows it.</summary>
public sealed record ConversationSummary(Guid Id, string Title, DateTimeOffset UpdatedAt, int Messages);
