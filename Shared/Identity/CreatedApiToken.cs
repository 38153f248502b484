namespace KnowledgePortal.Shared.Identity;

/// <summary>A new token: <see cref="Secret"/> is shown once and stored nowhere.</summary>
public sealed record CreatedApiToken(ApiTokenSummary Token, string Secret);
