using System.Security.Claims;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Turns a signed-in principal into a <see cref="Caller"/>. Group memberships are read from the
/// database on every call, so adding or removing someone from a group applies to their next query.
/// </summary>
public sealed class CallerResolver(IDbContextFactory<KnowledgeDbContext> contextFactory)
{
    public async Task<Caller> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
        {
            return new Caller(null, "Anonymous", new SearchFilter(Principals.EveryoneOnly), IsAdmin: false, IsEditor: false);
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var groups = await context.GroupMemberships
            .Where(m => m.UserId == userId)
            .Select(m => m.Group!.Name)
            .ToListAsync(cancellationToken);
        var isAdmin = user.IsInRole(PortalRoles.Admin);
        return new Caller(
            userId,
            user.FindFirstValue("display_name") ?? user.Identity?.Name ?? userId,
            new SearchFilter(Principals.ForGroups(groups)),
            isAdmin,
            isAdmin || user.IsInRole(PortalRoles.Editor));
    }
}
