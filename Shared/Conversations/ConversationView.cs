namespace KnowledgePortal.Shared.Conversations;

/// <summary>A conversation as its owner may see it now.</summary>
public sealed record ConversationView(Guid Id, string Title, IReadOnlyList<MessageView> Messages);
