namespace KnowledgePortal.Shared.Identity;

/// <summary>What a token's owner (or an operator) may see of it: never the token itself.</summary>
public sealed record ApiTokenSummary(
    Guid Id,
    string UserId,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    internal static ApiTokenSummary From(ApiToken token) =>
        new(token.Id, token.UserId, token.Name, token.Prefix, token.CreatedAt, token.LastUsedAt, token.ExpiresAt, token.RevokedAt);
}
