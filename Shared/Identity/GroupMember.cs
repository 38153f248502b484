namespace KnowledgePortal.Shared.Identity;

public sealed record GroupMember(string UserId, string Email, string? DisplayName);
