using System.Security.Cryptography;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Identity;

/// <summary>
/// The server-side record of browser sessions, in the portal database so that every portal instance
/// sees a sign-out at once. Expired sessions are removed as new ones start.
/// </summary>
public sealed class SignInSessionStore(IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time)
{
    public static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public async Task AddAsync(string id, string userId, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.SignInSessions.Where(s => s.ExpiresAt != null && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        context.SignInSessions.Add(new SignInSession { Id = id, UserId = userId, Ticket = ticket, CreatedAt = now, ExpiresAt = expiresAt });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The session's ticket, or null when it ended (signed out, expired, or ended by an administrator).</summary>
    public async Task<byte[]?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Live(context, id).Select(s => s.Ticket).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether the session is still alive, without reading its ticket (an open page asks every minute).</summary>
    public async Task<bool> IsActiveAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Live(context, id).AnyAsync(cancellationToken);
    }

    /// <summary>Replaces the ticket of a live session (a sliding renewal, refreshed claims); an ended one stays ended.</summary>
    public async Task RenewAsync(string id, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.SignInSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, ticket).SetProperty(x => x.ExpiresAt, expiresAt), cancellationToken);
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.SignInSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of the person (a lock, a new role, a new password), except <paramref name="keep"/> when given.</summary>
    public async Task<int> EndAllAsync(string userId, string? keep, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.SignInSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
    }

    private IQueryable<SignInSession> Live(KnowledgeDbContext context, string id)
    {
        var now = time.GetUtcNow();
        return context.SignInSessions.AsNoTracking().Where(s => s.Id == id && (s.ExpiresAt == null || s.ExpiresAt > now));
    }
}
