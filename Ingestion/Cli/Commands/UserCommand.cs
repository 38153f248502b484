using System.CommandLine;
using System.Globalization;
using KnowledgePortal.Shared.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp user add EMAIL --role R [--groups G1,G2] [--password P]` and `kp user list`: scripted set-up of people.</summary>
internal static class UserCommand
{
    private static readonly Argument<string> Email = new("email") { Description = "The person's email address (they sign in with it)" };

    private static readonly Option<string> Role = new("--role")
    {
        Description = $"Their role: {string.Join(", ", PortalRoles.All)}",
        DefaultValueFactory = _ => PortalRoles.Employee,
    };

    private static readonly Option<string[]> Groups = new("--groups")
    {
        Description = "Groups they belong to, comma-separated (missing groups are created)",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Password = new("--password")
    {
        Description = "Their password; without it a one-time password is generated, printed once, and must be changed at first sign-in",
    };

    private static readonly Option<string?> Name = new("--name") { Description = "The name people see (default: the email)" };

    public static Command Create()
    {
        var add = new Command("add", "Add a person with a role and groups");
        add.Arguments.Add(Email);
        add.Options.Add(Role);
        add.Options.Add(Groups);
        add.Options.Add(Password);
        add.Options.Add(Name);
        add.Options.Add(KpOptions.Json);
        add.SetAction(AddAsync);

        var list = new Command("list", "List people with their role, groups and state");
        list.Options.Add(KpOptions.Json);
        list.SetAction(ListAsync);

        var command = new Command("user", "Manage the people who sign in to the portal");
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        return command;
    }

    private static async Task<int> AddAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var groups = (result.GetValue(Groups) ?? [])
            .SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        using var host = await KpServices.StartWithoutModelAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var created = await administration.CreateAsync(
            result.GetValue(Email)!, result.GetValue(Name), result.GetValue(Role)!, groups, result.GetValue(Password), mustChangePassword: false, cancellationToken);
        var user = created.User;
        if (result.GetValue(KpOptions.Json))
        {
            CliJson.WriteLine(new { id = user.Id, email = user.Email, role = user.Role, groups = user.Groups, password = created.GeneratedPassword });
            return KpProgram.Success;
        }
        Console.WriteLine($"Added {user.Email} ({user.Role}{(user.Groups.Count > 0 ? "; " + string.Join(", ", user.Groups) : string.Empty)}).");
        if (created.GeneratedPassword is { } password)
        {
            // Printed once, here only: it is stored nowhere but as a hash.
            Console.WriteLine($"One-time password: {password}");
            Console.WriteLine("It is not shown again; they choose their own at first sign-in.");
        }
        return KpProgram.Success;
    }

    private static async Task<int> ListAsync(ParseResult result, CancellationToken cancellationToken)
    {
        using var host = await KpServices.StartWithoutModelAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync(null, cancellationToken);
        if (result.GetValue(KpOptions.Json))
        {
            CliJson.WriteLine(users.Select(u => new
            {
                id = u.Id,
                email = u.Email,
                name = u.DisplayName,
                role = u.Role,
                groups = u.Groups,
                lockedOut = u.IsLockedOut,
                mustChangePassword = u.MustChangePassword,
                createdAt = u.CreatedAt,
                lastSignInAt = u.LastSignInAt,
            }));
            return KpProgram.Success;
        }
        if (users.Count == 0)
        {
            AnsiConsole.MarkupLine("No users yet. Add one with [bold]kp user add EMAIL --role Admin[/], or start the portal.");
            return KpProgram.Success;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Email").AddColumn("Name").AddColumn("Role").AddColumn("Groups").AddColumn("State").AddColumn("Last sign-in");
        foreach (var user in users)
        {
            var state = user.IsLockedOut ? "[red]locked[/]" : user.MustChangePassword ? "must change password" : "active";
            table.AddRow(
                Markup.Escape(user.Email),
                Markup.Escape(user.DisplayName ?? string.Empty),
                user.Role ?? "-",
                Markup.Escape(string.Join(", ", user.Groups)),
                state,
                user.LastSignInAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never");
        }
        AnsiConsole.Write(table);
        return KpProgram.Success;
    }
}
