using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgePortal.Shared.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// People, roles, groups and API tokens on the portal database, with the password and lockout
    /// rules: the same registration for the portal (which adds sign-in on top) and for `kp`.
    /// </summary>
    public static IdentityBuilder AddPortalIdentityCore(this IServiceCollection services)
    {
        // Identity's stores want a scoped context; everything else uses the pooled factory.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContext());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GroupAdministration>();
        services.TryAddSingleton<ApiTokenStore>();
        services.TryAddSingleton<SignInSessionStore>();
        services.TryAddScoped<UserAdministration>();
        return services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<KnowledgeDbContext>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
    }
}
