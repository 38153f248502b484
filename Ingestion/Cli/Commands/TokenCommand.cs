using System.CommandLine;
using System.Globalization;
using KnowledgePortal.Shared.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp token create|list|revoke`: personal API tokens for scripts and integrations.</summary>
internal static class TokenCommand
{
    private static readonly Option<string> User = new("--user") { Description = "The email of the person the token acts for", Required = true };

    private static readonly Option<string?> Name = new("--name") { Description = "What the token is for (\"intranet widget\")" };

    private static readonly Option<int?> ExpiresInDays = new("--expires-in-days") { Description = "Stop working after this many days (default: never)" };

    private static readonly Argument<string> IdOrPrefix = new("token") { Description = "The token's id, or the prefix shown by `kp token list` (kp_...)" };

    public static Command Create()
    {
        var create = new Command("create", "Create a token and print it once (stdout holds only the token)");
        create.Options.Add(User);
        create.Options.Add(Name);
        create.Options.Add(ExpiresInDays);
        create.SetAction(CreateAsync);

        var list = new Command("list", "List a person's tokens (never the tokens themselves)");
        list.Options.Add(User);
        list.Options.Add(KpOptions.Json);
        list.SetAction(ListAsync);

        var revoke = new Command("revoke", "Revoke a token: it stops working at once");
        revoke.Arguments.Add(IdOrPrefix);
        revoke.SetAction(RevokeAsync);

        var command = new Command("token", "Manage personal API tokens (Authorization: Bearer kp_...)");
        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static async Task<int> CreateAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var days = result.GetValue(ExpiresInDays);
        if (days is <= 0)
        {
            throw new UsageException("--expires-in-days must be at least 1");
        }
        using var host = await KpServices.StartWithoutModelAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        var user = await FindUserAsync(host.Services, result.GetValue(User)!, cancellationToken);
        var expires = days is { } d ? host.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(d) : (DateTimeOffset?)null;
        var created = await host.Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, result.GetValue(Name), expires, cancellationToken);
        // The token alone on stdout, so `TOKEN=$(kp token create ...)` works; the advice goes to stderr.
        Console.Out.WriteLine(created.Secret);
        await Console.Error.WriteLineAsync(
            $"Created token \"{created.Token.Name}\" ({created.Token.Prefix}…) for {user.Email}. It is not shown again: store it now.");
        return KpProgram.Success;
    }

    private static async Task<int> ListAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var host = await KpServices.StartWithoutModelAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        var user = await FindUserAsync(host.Services, result.GetValue(User)!, cancellationToken);
        var tokens = await host.Services.GetRequiredService<ApiTokenStore>().ListAsync(user.Id, cancellationToken);
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (result.GetValue(KpOptions.Json))
        {
            CliJson.WriteLine(tokens.Select(t => new
            {
                id = t.Id,
                name = t.Name,
                prefix = t.Prefix,
                createdAt = t.CreatedAt,
                lastUsedAt = t.LastUsedAt,
                expiresAt = t.ExpiresAt,
                revokedAt = t.RevokedAt,
                active = t.IsActive(now),
            }));
            return KpProgram.Success;
        }
        if (tokens.Count == 0)
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(user.Email)} has no API tokens. Create one with [bold]kp token create --user {Markup.Escape(user.Email)}[/].");
            return KpProgram.Success;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Id").AddColumn("Name").AddColumn("Prefix").AddColumn("Created").AddColumn("Last used").AddColumn("State");
        foreach (var token in tokens)
        {
            table.AddRow(
                token.Id.ToString(),
                Markup.Escape(token.Name),
                token.Prefix + "…",
                Format(token.CreatedAt),
                token.LastUsedAt is { } used ? Format(used) : "never",
                token.RevokedAt is not null ? "[grey]revoked[/]" : token.IsActive(now) ? "active" : "[grey]expired[/]");
        }
        AnsiConsole.Write(table);
        return KpProgram.Success;
    }

    private static async Task<int> RevokeAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var host = await KpServices.StartWithoutModelAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        var revoked = await host.Services.GetRequiredService<ApiTokenStore>().RevokeAsync(result.GetValue(IdOrPrefix)!, ownerId: null, cancellationToken);
        if (revoked is null)
        {
            await Console.Error.WriteLineAsync($"kp: no token with the id or prefix {result.GetValue(IdOrPrefix)}");
            return KpProgram.Failure;
        }
        Console.WriteLine($"Revoked token \"{revoked.Name}\" ({revoked.Prefix}…).");
        return KpProgram.Success;
    }

    private static async Task<UserSummary> FindUserAsync(IServiceProvider services, string email, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().FindAsync(email, cancellationToken)
            ?? throw new AccountAdministrationException($"no user with the email {email} (add one with kp user add)");
    }

    private static string Format(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
