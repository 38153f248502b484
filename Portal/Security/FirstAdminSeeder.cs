using System.Security.Cryptography;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// On first start (no users yet) creates the roles and an administrator: from configuration, or with
/// a generated one-time password printed once to the console and never logged.
/// </summary>
public sealed class FirstAdminSeeder(
    IServiceScopeFactory scopes,
    KnowledgeStoreInitializer store,
    IOptions<AdminAccountOptions> options,
    TimeProvider time,
    ILogger<FirstAdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (users.Users.Any())
        {
            return;
        }
        var configured = options.Value;
        var generated = string.IsNullOrEmpty(configured.Password);
        var password = generated ? GeneratePassword() : configured.Password!;
        var admin = new PortalUser
        {
            UserName = configured.Email,
            Email = configured.Email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            MustChangePassword = generated,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Cannot create the first administrator ({configured.Email}): {string.Join(" ", created.Errors.Select(e => e.Description))} " +
                $"Check {AdminAccountOptions.Section}:Email and :Password.");
        }
        await users.AddToRolesAsync(admin, PortalRoles.All);
        logger.LogInformation("Created the first administrator {Email}", configured.Email);
        if (generated)
        {
            // Printed once, to the console only: the logs must never hold a password.
            Console.WriteLine();
            Console.WriteLine("  First administrator created.");
            Console.WriteLine($"    email:    {configured.Email}");
            Console.WriteLine($"    password: {password}   (one-time: you will choose your own at first sign-in)");
            Console.WriteLine("  Set KnowledgePortal__Admin__Email and KnowledgePortal__Admin__Password to choose them instead.");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}
