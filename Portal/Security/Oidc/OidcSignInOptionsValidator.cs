using KnowledgePortal.Shared.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security.Oidc;

/// <summary>Refuses a half-configured identity provider at start-up, naming the setting to fix.</summary>
public sealed class OidcSignInOptionsValidator : IValidateOptions<OidcSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        const string section = OidcSignInOptions.Section;
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{section}:Authority must be an absolute URL of the identity provider (got \"{options.Authority}\").");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && options.RequireHttpsMetadata)
        {
            failures.Add($"{section}:Authority must use https (set {section}:RequireHttpsMetadata to false only for a local test provider).");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{section}:ClientId is required when {section}:Authority is set.");
        }
        if (string.IsNullOrWhiteSpace(options.GroupsClaim))
        {
            failures.Add($"{section}:GroupsClaim must name the claim that holds group names (e.g. \"groups\").");
        }
        if (string.IsNullOrWhiteSpace(options.DisplayName))
        {
            failures.Add($"{section}:DisplayName must not be empty: the sign-in page shows \"Sign in with <DisplayName>\".");
        }
        if (!IsRole(options.DefaultRole))
        {
            failures.Add($"{section}:DefaultRole \"{options.DefaultRole}\" is not a role ({string.Join(", ", PortalRoles.All)}).");
        }
        foreach (var (claimValue, role) in options.RoleMapping)
        {
            if (!IsRole(role))
            {
                failures.Add($"{section}:RoleMapping:{claimValue} maps to \"{role}\", which is not a role ({string.Join(", ", PortalRoles.All)}).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsRole(string? role) => PortalRoles.All.Contains(role ?? string.Empty, StringComparer.OrdinalIgnoreCase);
}
