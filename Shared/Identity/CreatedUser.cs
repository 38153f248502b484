namespace KnowledgePortal.Shared.Identity;

/// <param name="GeneratedPassword">The one-time password when none was given: shown once, stored nowhere.</param>
public sealed record CreatedUser(UserSummary User, string? GeneratedPassword);
