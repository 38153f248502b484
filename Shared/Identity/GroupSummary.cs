namespace KnowledgePortal.Shared.Identity;

/// <param name="DocumentCount">Documents whose audience names this group.</param>
public sealed record GroupSummary(Guid Id, string Name, string? Description, int MemberCount, int DocumentCount, DateTimeOffset CreatedAt);
