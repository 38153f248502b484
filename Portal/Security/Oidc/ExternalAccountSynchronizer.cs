using System.Security.Claims;
using System.Text.Json;
using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security.Oidc;

/// <summary>
/// Turns a person the identity provider signed in into a portal user: linked by their subject, else
/// by a verified email, else created; their groups become exactly the provider's group claim (missing
/// groups are created) and their role follows the role mapping, on every sign-in.
/// </summary>
public sealed class ExternalAccountSynchronizer(
    UserManager<PortalUser> users,
    UserAdministration administration,
    IOptions<OidcSignInOptions> options,
    ILogger<ExternalAccountSynchronizer> logger)
{
    public async Task<PortalUser> SynchronizeAsync(ClaimsPrincipal external, string loginProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var settings = options.Value;
        var subject = First(external, "sub", ClaimTypes.NameIdentifier)
            ?? throw new AccountAdministrationException("The identity provider did not say who signed in (no \"sub\" claim).");
        var email = First(external, "email", ClaimTypes.Email)
            ?? throw new AccountAdministrationException("The identity provider sent no email address; the portal needs one to know the person.");
        var name = First(external, "name", ClaimTypes.Name);
        var mappedRole = MappedRole(external, settings);

        var user = await users.FindByLoginAsync(loginProvider, subject);
        if (user is null)
        {
            user = await users.FindByEmailAsync(email);
            if (user is not null && string.Equals(First(external, "email_verified"), "false", StringComparison.OrdinalIgnoreCase))
            {
                // Linking by an unverified address would let anyone who claims it take over the account.
                throw new AccountAdministrationException("The identity provider has not verified this email address, so it cannot be linked to the existing account.");
            }
            user ??= await administration.CreateExternalAsync(email, name, mappedRole ?? settings.DefaultRole, cancellationToken);
            var linked = await users.AddLoginAsync(user, new UserLoginInfo(loginProvider, subject, settings.DisplayName));
            if (!linked.Succeeded)
            {
                throw new AccountAdministrationException(string.Join(" ", linked.Errors.Select(e => e.Description)));
            }
            logger.LogInformation("Linked user {UserId} to their {Provider} account", user.Id, loginProvider);
        }
        else if (mappedRole is not null)
        {
            await administration.SetRoleAsync(user.Id, mappedRole, cancellationToken);
        }

        await administration.SetGroupsAsync(user.Id, GroupNamesFrom(external, settings.GroupsClaim), cancellationToken);
        if (!string.IsNullOrWhiteSpace(name) && name != user.DisplayName)
        {
            user = await users.FindByIdAsync(user.Id) ?? user;
            user.DisplayName = name;
            await users.UpdateAsync(user);
        }
        return await users.FindByIdAsync(user.Id) ?? user;
    }

    /// <summary>
    /// Group names from the claim: one claim per group, or one claim holding a JSON array (as some
    /// providers send). Names the portal cannot use as a group (an LDAP DN with commas) are skipped.
    /// </summary>
    internal List<string> GroupNamesFrom(ClaimsPrincipal external, string claimType)
    {
        var names = new List<string>();
        foreach (var claim in external.FindAll(claimType))
        {
            foreach (var value in Values(claim.Value))
            {
                try
                {
                    names.Add(GroupNames.Validate(value));
                }
                catch (AccountAdministrationException)
                {
                    logger.LogWarning("Ignored the group {Group} from the identity provider: not a usable group name", value);
                }
            }
        }
        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string? MappedRole(ClaimsPrincipal external, OidcSignInOptions settings)
    {
        var mapped = external.FindAll(settings.RoleClaim)
            .SelectMany(c => Values(c.Value))
            .Select(v => settings.RoleMapping.TryGetValue(v, out var role) ? role : null)
            .Where(r => r is not null)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return PortalRoles.All.Reverse().FirstOrDefault(mapped.Contains); // the highest: Admin, then Editor, then Employee
    }

    private static IEnumerable<string> Values(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(trimmed) ?? [];
            }
            catch (JsonException)
            {
                return [trimmed];
            }
        }
        return trimmed.Length == 0 ? [] : [trimmed];
    }

    private static string? First(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
