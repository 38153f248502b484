using System.ComponentModel.DataAnnotations;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Identity;

/// <summary>
/// Creating and managing people, shared by the admin pages, `kp user` and single sign-on, so each
/// rule lives in one place: one role per person, one-time passwords that must be changed, the last
/// administrator cannot be removed, and changes that take rights away end the person's sessions.
/// </summary>
public sealed class UserAdministration(
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    KnowledgeDbContext context,
    GroupAdministration groups,
    SignInSessionStore sessions,
    TimeProvider time)
{
    /// <summary>Creates the Employee, Editor and Admin roles that are missing.</summary>
    public async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        foreach (var role in PortalRoles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Everyone whose email or display name contains <paramref name="search"/> (all when empty), by name.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        var query = context.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(u => u.Email!.ToLower().Contains(term) || (u.DisplayName != null && u.DisplayName.ToLower().Contains(term)));
        }
        var people = await query.ToListAsync(cancellationToken);
        return await SummarizeAsync(people, cancellationToken);
    }

    public async Task<UserSummary?> FindAsync(string userIdOrEmail, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userIdOrEmail) ?? await users.FindByEmailAsync(userIdOrEmail.Trim());
        return user is null ? null : (await SummarizeAsync([user], cancellationToken))[0];
    }

    /// <summary>
    /// Creates a person with a role and groups (missing groups are created). Without a password a
    /// one-time one is generated and returned; <paramref name="mustChangePassword"/> makes them choose their own at first sign-in.
    /// </summary>
    public async Task<CreatedUser> CreateAsync(
        string email, string? displayName, string role, IEnumerable<string> groupNames, string? password, bool mustChangePassword, CancellationToken cancellationToken)
    {
        var cleanEmail = (email ?? string.Empty).Trim();
        if (!new EmailAddressAttribute().IsValid(cleanEmail) || cleanEmail.Length == 0)
        {
            throw new AccountAdministrationException($"\"{cleanEmail}\" is not an email address.");
        }
        var cleanRole = RoleNamed(role);
        if (await users.FindByEmailAsync(cleanEmail) is not null)
        {
            throw new AccountAdministrationException($"There is already a user with the email {cleanEmail}.");
        }
        await EnsureRolesAsync(cancellationToken);
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate() : null;
        var user = new PortalUser
        {
            UserName = cleanEmail,
            Email = cleanEmail,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            MustChangePassword = generated is not null || mustChangePassword,
            CreatedAt = time.GetUtcNow(),
        };
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, generated ?? password!));
        Check(await users.AddToRoleAsync(user, cleanRole));
        await ReplaceGroupsAsync(user.Id, groupNames, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedUser((await SummarizeAsync([user], cancellationToken))[0], generated);
    }

    /// <summary>Creates a person who signs in only through the identity provider (no password).</summary>
    public async Task<PortalUser> CreateExternalAsync(string email, string? displayName, string role, CancellationToken cancellationToken)
    {
        await EnsureRolesAsync(cancellationToken);
        var user = new PortalUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, RoleNamed(role)));
        return user;
    }

    /// <summary>Gives the person exactly this role. Their sessions end, so a lowered role applies at once.</summary>
    public async Task SetRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var cleanRole = RoleNamed(role);
        var user = await RequireAsync(userId);
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == cleanRole)
        {
            return;
        }
        if (cleanRole != PortalRoles.Admin && current.Contains(PortalRoles.Admin))
        {
            await EnsureAnotherAdminAsync(user, "take the Admin role from");
        }
        await EnsureRolesAsync(cancellationToken);
        var stale = current.Where(r => r != cleanRole).ToList();
        if (stale.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, stale));
        }
        if (!current.Contains(cleanRole))
        {
            Check(await users.AddToRoleAsync(user, cleanRole));
        }
        Check(await users.UpdateSecurityStampAsync(user));
        await sessions.EndAllAsync(user.Id, keep: null, cancellationToken);
    }

    /// <summary>Makes the person a member of exactly these groups (missing groups are created). Applies to their next query.</summary>
    public async Task SetGroupsAsync(string userId, IEnumerable<string> groupNames, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        await ReplaceGroupsAsync(user.Id, groupNames, cancellationToken);
    }

    /// <summary>Locks the account until unlocked (and ends its sessions), or unlocks it and clears failed attempts.</summary>
    public async Task SetLockedAsync(string userId, bool locked, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await RequireAsync(userId);
        if (locked)
        {
            if (await users.IsInRoleAsync(user, PortalRoles.Admin))
            {
                await EnsureAnotherAdminAsync(user, "lock");
            }
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            Check(await users.UpdateSecurityStampAsync(user));
            await sessions.EndAllAsync(user.Id, keep: null, cancellationToken);
        }
        else
        {
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
        }
    }

    /// <summary>
    /// Sets a temporary password (the given one, or a generated one) that the person must change at
    /// next sign-in; unlocks the account and ends its sessions. Returns the temporary password.
    /// </summary>
    public async Task<string> ResetPasswordAsync(string userId, string? temporaryPassword, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await RequireAsync(userId);
        var password = string.IsNullOrEmpty(temporaryPassword) ? PasswordGenerator.Generate() : temporaryPassword;
        // Validated before the old password is removed, so a refused password leaves the account as it was.
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, user, password));
        }
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await users.HasPasswordAsync(user))
        {
            Check(await users.RemovePasswordAsync(user));
        }
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateAsync(user));
        await transaction.CommitAsync(cancellationToken);
        await sessions.EndAllAsync(user.Id, keep: null, cancellationToken);
        return password;
    }

    /// <summary>Deletes the person with their tokens, memberships and conversations (feedback they gave stays with the editors).</summary>
    public async Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await RequireAsync(userId);
        if (await users.IsInRoleAsync(user, PortalRoles.Admin))
        {
            await EnsureAnotherAdminAsync(user, "delete");
        }
        Check(await users.DeleteAsync(user));
    }

    private async Task ReplaceGroupsAsync(string userId, IEnumerable<string> groupNames, CancellationToken cancellationToken)
    {
        var wanted = await groups.FindOrAddAsync(context, groupNames, cancellationToken);
        var current = await context.GroupMemberships.Where(m => m.UserId == userId).ToListAsync(cancellationToken);
        context.GroupMemberships.RemoveRange(current.Where(m => wanted.All(g => g.Id != m.GroupId)));
        foreach (var group in wanted.Where(g => current.All(m => m.GroupId != g.Id)))
        {
            context.GroupMemberships.Add(new GroupMembership { UserId = userId, GroupId = group.Id });
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureAnotherAdminAsync(PortalUser user, string action)
    {
        var now = time.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(PortalRoles.Admin);
        if (!admins.Any(a => a.Id != user.Id && (a.LockoutEnd is null || a.LockoutEnd <= now)))
        {
            throw new AccountAdministrationException($"You cannot {action} the last administrator: make someone else an administrator first.");
        }
    }

    private async Task<PortalUser> RequireAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new AccountAdministrationException("That user no longer exists.");

    private async Task<List<UserSummary>> SummarizeAsync(IReadOnlyCollection<PortalUser> people, CancellationToken cancellationToken)
    {
        var ids = people.Select(p => p.Id).ToList();
        var roleRows = await (
            from userRole in context.UserRoles.AsNoTracking()
            join role in context.Roles.AsNoTracking() on userRole.RoleId equals role.Id
            where ids.Contains(userRole.UserId)
            select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var groupRows = await context.GroupMemberships.AsNoTracking()
            .Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Group!.Name })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. people
            .OrderBy(p => p.DisplayName ?? p.Email, StringComparer.OrdinalIgnoreCase)
            .Select(p => new UserSummary(
                p.Id,
                p.Email ?? p.UserName ?? p.Id,
                p.DisplayName,
                HighestRole(roleRows.Where(r => r.UserId == p.Id).Select(r => r.Name)),
                [.. groupRows.Where(g => g.UserId == p.Id).Select(g => g.Name).Order(StringComparer.OrdinalIgnoreCase)],
                p.LockoutEnd is { } end && end > now,
                p.MustChangePassword,
                p.PasswordHash is not null,
                p.CreatedAt,
                p.LastSignInAt))];
    }

    private static string? HighestRole(IEnumerable<string?> names)
    {
        var set = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return PortalRoles.All.Reverse().FirstOrDefault(set.Contains);
    }

    private static string RoleNamed(string role) =>
        PortalRoles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new AccountAdministrationException($"\"{role}\" is not a role: use {string.Join(", ", PortalRoles.All)}.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new AccountAdministrationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
