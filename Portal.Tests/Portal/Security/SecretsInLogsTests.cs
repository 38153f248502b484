using System.Net;
using System.Text.RegularExpressions;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>
/// Passwords, one-time passwords and API tokens go through the real portal with every log level on,
/// and none of them may appear in what a log sink would have kept.
/// </summary>
public sealed partial class SecretsInLogsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every category at Trace, including those appsettings.json turns down (ASP.NET Core, EF Core).</summary>
    private static readonly Dictionary<string, string?> TraceEverything = new()
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        // The recorder is the sink under test; on the console, Trace would bury other tests' output.
        ["Logging:Console:LogLevel:Default"] = "None",
    };

    [Fact]
    public async Task Sign_in_failures_password_resets_and_api_tokens_leave_no_secret_in_the_logs()
    {
        var logs = new RecordingLoggerProvider();
        await using var portal = await PortalHost.StartAsync(TraceEverything, configure: b => b.Logging.AddProvider(logs));
        var user = await portal.CreateUserAsync("secrets@example.com");
        const string wrongPassword = "Wrong-secret-password-9";

        using var client = portal.Client();
        using (var wrong = await client.SignInAsync(user.Email!, wrongPassword))
        {
            Assert.Contains("Wrong email or password", await wrong.Content.ReadAsStringAsync(Ct));
        }
        using (var right = await client.SignInAsync(user.Email!, PortalHost.UserPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        }
        var token = await portal.Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "logged?", null, Ct);
        using (var script = portal.Client(token.Secret))
        using (var used = await script.GetAsync("/api/search?q=leave", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }
        using (var unknown = portal.Client(token.Secret + "x"))
        using (var refused = await unknown.GetAsync("/api/search?q=leave", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        string temporary;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            temporary = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetPasswordAsync(user.Id, null, Ct);
        }
        using var again = portal.Client();
        using (var signIn = await again.SignInAsync(user.Email!, temporary))
        {
            Assert.StartsWith("/account/change-password", signIn.RedirectTarget());
        }
        const string chosen = "Chosen-password-77";
        using (var changed = await again.PostFormAsync("/account/change-password", "change-password", new Dictionary<string, string>
        {
            ["Input.Current"] = temporary,
            ["Input.New"] = chosen,
            ["Input.Confirm"] = chosen,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var text = logs.AllText;
        Assert.True(logs.Count > 1000, $"the recorder saw too little to prove anything: {logs.Count} entries");
        Assert.Contains("Refused an API token", text); // the refusal is logged, without the token
        foreach (var secret in new[] { PortalHost.UserPassword, PortalHost.AdminPassword, wrongPassword, token.Secret, token.Secret[3..], temporary, chosen })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_first_administrators_generated_password_is_printed_once_to_the_console_and_never_logged()
    {
        var dataDir = Directory.CreateTempSubdirectory("kp-first-admin-").FullName;
        try
        {
            var logs = new RecordingLoggerProvider();
            var console = new StringWriter();
            string password;
            var settings = new Dictionary<string, string?>(TraceEverything) { ["KnowledgePortal:Admin:Password"] = "" };
            await using (var portal = await PortalHost.StartAsync(settings, dataDir, b =>
            {
                b.Logging.AddProvider(logs);
                b.Services.AddSingleton(new OperatorConsole(console));
            }))
            {
                var printed = GeneratedPassword().Matches(console.ToString());
                password = Assert.Single(printed).Groups[1].Value;
                Assert.Contains(PortalHost.AdminEmail, console.ToString());
                Assert.DoesNotContain(password, logs.AllText, StringComparison.Ordinal);
                Assert.Contains("Created the first administrator", logs.AllText);

                using var client = portal.Client();
                using var signIn = await client.SignInAsync(PortalHost.AdminEmail, password);
                Assert.StartsWith("/account/change-password", signIn.RedirectTarget()); // one-time: must be changed
                await using var scope = portal.Services.CreateAsyncScope();
                var admin = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalHost.AdminEmail);
                Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().IsInRoleAsync(admin!, PortalRoles.Admin));
            }

            // A second start finds the administrator and prints nothing.
            var secondConsole = new StringWriter();
            await using (var restarted = await PortalHost.StartAsync(settings, dataDir, b => b.Services.AddSingleton(new OperatorConsole(secondConsole))))
            {
                Assert.Equal(string.Empty, secondConsole.ToString());
                using var client = restarted.Client();
                using var signIn = await client.SignInAsync(PortalHost.AdminEmail, password);
                Assert.StartsWith("/account/change-password", signIn.RedirectTarget());
            }
            Assert.DoesNotContain(password, logs.AllText, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [GeneratedRegex(@"password:\s+(\S+)\s+\(one-time")]
    private static partial Regex GeneratedPassword();
}
