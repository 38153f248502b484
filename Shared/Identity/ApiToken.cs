namespace KnowledgePortal.Shared.Identity;

/// <summary>
/// A personal token for the HTTP API (Authorization: Bearer ...). Only its SHA-256 is stored; the
/// token itself is shown once when created.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>What the person called it ("intranet widget").</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 (hex) of the token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, so people can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
