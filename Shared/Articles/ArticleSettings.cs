namespace KnowledgePortal.Shared.Articles;

/// <summary>Who reads, owns and verifies an article, and for how long it is valid.</summary>
/// <param name="Audience">"everyone" or group names, as for documents.</param>
/// <param name="VerifierUserId">A person who verifies it, or null.</param>
/// <param name="VerifierGroup">A group whose members verify it, or null.</param>
public sealed record ArticleSettings(
    IReadOnlyList<string> Audience,
    string OwnerId,
    string? VerifierUserId,
    string? VerifierGroup,
    int VerificationIntervalDays,
    DateTimeOffset? ValidUntil);
