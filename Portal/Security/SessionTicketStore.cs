using System.Security.Claims;
using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Keeps sign-in tickets on the server (<see cref="SignInSessionStore"/>); the cookie carries only the
/// session id. Signing out removes the row, so a copied cookie stops working at once instead of at expiry.
/// The id is also a claim, so an open page (a Blazor circuit) can check its session is still alive.
/// </summary>
public sealed class SessionTicketStore(SignInSessionStore sessions) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    // The overloads with an HttpContext forward to these by default.
    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A sign-in ticket without a user id cannot be stored.");
        var id = SignInSessionStore.NewId();
        MarkSession(ticket, id);
        await sessions.AddAsync(id, userId, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc, cancellationToken);
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        // A refreshed principal (new role, new stamp) is built from scratch and lacks the session claim.
        MarkSession(ticket, key);
        return sessions.RenewAsync(key, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc, cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await sessions.FindAsync(key, cancellationToken);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.RemoveAsync(key, cancellationToken);

    private static void MarkSession(AuthenticationTicket ticket, string id)
    {
        if (ticket.Principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }
        foreach (var stale in identity.FindAll(PortalClaimTypes.SessionId).ToList())
        {
            identity.RemoveClaim(stale);
        }
        identity.AddClaim(new Claim(PortalClaimTypes.SessionId, id));
    }
}
