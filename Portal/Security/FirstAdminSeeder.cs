using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// On first start (no users yet) creates the roles and an administrator: from configuration, or with
/// a generated one-time password printed once to the operator's console and never logged.
/// </summary>
public sealed class FirstAdminSeeder(
    IServiceScopeFactory scopes,
    KnowledgeStoreInitializer store,
    IOptions<AdminAccountOptions> options,
    OperatorConsole console,
    ILogger<FirstAdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await administration.EnsureRolesAsync(cancellationToken);
        if (scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().Users.Any())
        {
            return;
        }
        var configured = options.Value;
        var password = string.IsNullOrEmpty(configured.Password) ? null : configured.Password;
        CreatedUser created;
        try
        {
            created = await administration.CreateAsync(
                configured.Email, "Administrator", PortalRoles.Admin, [], password, mustChangePassword: false, cancellationToken);
        }
        catch (AccountAdministrationException e)
        {
            throw new InvalidOperationException(
                $"Cannot create the first administrator ({configured.Email}): {e.Message} Check {AdminAccountOptions.Section}:Email and :Password.", e);
        }
        logger.LogInformation("Created the first administrator {Email}", created.User.Email);
        if (created.GeneratedPassword is { } generated)
        {
            console.WriteLines(
                string.Empty,
                "  First administrator created.",
                $"    email:    {created.User.Email}",
                $"    password: {generated}   (one-time: you will choose your own at first sign-in)",
                "  Set KnowledgePortal__Admin__Email and KnowledgePortal__Admin__Password to choose them instead.",
                string.Empty);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
