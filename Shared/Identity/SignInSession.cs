namespace KnowledgePortal.Shared.Identity;

/// <summary>
/// One signed-in browser. The sign-in cookie holds only this row's id: removing the row ends the
/// session at once, so a cookie copied before sign-out opens nothing afterwards.
/// </summary>
public sealed class SignInSession
{
    /// <summary>256 random bits, base64url: the cookie's only content (data-protected on top).</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The serialized authentication ticket (claims and properties; no password, no token).</summary>
    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
