using System.Security.Claims;
using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// An open page (a Blazor circuit) re-checks its user every minute: a user who signed out (elsewhere
/// in the same session), was deleted, locked, given another role or a reset password loses the page's
/// access without waiting for the cookie to expire.
/// </summary>
public sealed class PortalRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = authenticationState.User.FindFirstValue(PortalClaimTypes.SessionId);
        if (session is null || !await scope.ServiceProvider.GetRequiredService<SignInSessionStore>().IsActiveAsync(session, cancellationToken))
        {
            return false;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        var stamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
