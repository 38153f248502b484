using System.Security.Cryptography;
using System.Text;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Identity;

/// <summary>
/// Personal API tokens ("kp_" and 43 random characters). Only the SHA-256 of a token is stored, so a
/// copy of the database does not hold usable tokens; the token is shown once, when created.
/// </summary>
public sealed class ApiTokenStore(IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time)
{
    public const string TokenPrefix = "kp_";

    /// <summary>"kp_" and 7 characters: enough to tell tokens apart, far too few to guess the rest.</summary>
    private const int DisplayedPrefixLength = 10;

    private const int NameLength = 100;

    /// <summary>Last-used times are written at most this often per token: a busy script must not write on every call.</summary>
    internal static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<CreatedApiToken> CreateAsync(string userId, string? name, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var secret = TokenPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var trimmed = string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = trimmed.Length > NameLength ? trimmed[..NameLength] : trimmed,
            TokenHash = HashOf(secret),
            Prefix = secret[..DisplayedPrefixLength],
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await context.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            throw new AccountAdministrationException("No such user.");
        }
        context.ApiTokens.Add(token);
        await context.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(ApiTokenSummary.From(token), secret);
    }

    /// <summary>A person's tokens, newest first, revoked ones included (they say when they stopped working).</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await context.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        return [.. tokens.OrderByDescending(t => t.CreatedAt).Select(ApiTokenSummary.From)];
    }

    /// <summary>
    /// Revokes the token with this id or displayed prefix; with <paramref name="ownerId"/>, only one of theirs.
    /// </summary>
    /// <returns>The revoked token, or null when none matched.</returns>
    /// <exception cref="AccountAdministrationException">The prefix matches several tokens.</exception>
    public async Task<ApiTokenSummary?> RevokeAsync(string idOrPrefix, string? ownerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.ApiTokens.Where(t => ownerId == null || t.UserId == ownerId);
        List<ApiToken> matches = Guid.TryParse(idOrPrefix, out var id)
            ? await query.Where(t => t.Id == id).ToListAsync(cancellationToken)
            : await query.Where(t => t.Prefix == idOrPrefix.Trim()).ToListAsync(cancellationToken);
        if (matches.Count > 1)
        {
            throw new AccountAdministrationException($"{matches.Count} tokens start with {idOrPrefix}: revoke by id instead.");
        }
        if (matches.Count == 0)
        {
            return null;
        }
        var token = matches[0];
        token.RevokedAt ??= time.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        return ApiTokenSummary.From(token);
    }

    /// <summary>The active token a caller presented (not revoked, not expired), noting that it was used; null otherwise.</summary>
    public async Task<ApiTokenSummary?> ValidateAsync(string presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }
        var hash = HashOf(presented);
        var now = time.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await context.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution)
        {
            await context.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            token.LastUsedAt = now;
        }
        return ApiTokenSummary.From(token);
    }
}
