using System.Net;
using System.Text.Json;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Ingestion.Cli;

/// <summary>
/// `kp user` and `kp token` as an operator scripts them, checked against the real portal on the same
/// data directory: what kp creates is what the portal accepts.
/// </summary>
public sealed class KpAccountCommandTests : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("kp-accounts-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDir, recursive: true);
    }

    private Task<KpProcess.Result> Kp(params string[] arguments) => KpProcess.RunAsync([.. arguments, "--data", dataDir]);

    [Fact]
    public async Task User_add_without_a_password_prints_a_one_time_password_the_portal_accepts_and_makes_the_user_change()
    {
        var add = await Kp("user", "add", "hr.lead@example.com", "--role", "Editor", "--groups", "HR,People Ops", "--name", "Hanna");
        Assert.Equal(0, add.ExitCode);
        var password = System.Text.RegularExpressions.Regex.Match(add.Output, "One-time password: (\\S+)").Groups[1].Value;
        Assert.NotEmpty(password);

        var list = await Kp("user", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        var user = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.Equal("hr.lead@example.com", user.GetProperty("email").GetString());
        Assert.Equal("Editor", user.GetProperty("role").GetString());
        Assert.Equal(["HR", "People Ops"], user.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).Order());
        Assert.True(user.GetProperty("mustChangePassword").GetBoolean());
        Assert.DoesNotContain(password, list.Output);

        await using var portal = await PortalHost.StartAsync(dataDir: dataDir);
        using var client = portal.Client();
        using var signIn = await client.SignInAsync("hr.lead@example.com", password);
        Assert.StartsWith("/account/change-password", signIn.RedirectTarget());
    }

    [Fact]
    public async Task User_add_refuses_a_bad_role_or_a_duplicate_with_one_line_and_exit_code_1()
    {
        Assert.Equal(0, (await Kp("user", "add", "dup@example.com", "--role", "Employee", "--password", "Given-password-1")).ExitCode);

        var badRole = await Kp("user", "add", "x@example.com", "--role", "Boss");
        var duplicate = await Kp("user", "add", "dup@example.com", "--role", "Employee");

        Assert.Equal(1, badRole.ExitCode);
        Assert.Equal("kp: \"Boss\" is not a role: use Employee, Editor, Admin.", badRole.Error.Trim());
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already a user with the email dup@example.com", duplicate.Error);
    }

    [Fact]
    public async Task Token_create_prints_only_the_token_which_works_on_the_portal_until_token_revoke()
    {
        Assert.Equal(0, (await Kp("user", "add", "script@example.com", "--role", "Employee", "--password", "Given-password-1")).ExitCode);
        var create = await Kp("token", "create", "--user", "script@example.com", "--name", "nightly report");
        Assert.Equal(0, create.ExitCode);
        var token = create.Output.Trim();
        Assert.Matches("^kp_[A-Za-z0-9_-]{43}$", token);                   // stdout holds the token alone
        Assert.Contains("not shown again", create.Error);

        await using var portal = await PortalHost.StartAsync(dataDir: dataDir);
        using var script = portal.Client(token);
        using (var allowed = await script.GetAsync("/api/search?q=report", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        var list = await Kp("token", "list", "--user", "script@example.com", "--json");
        var listed = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.Equal("nightly report", listed.GetProperty("name").GetString());
        Assert.Equal(token[..10], listed.GetProperty("prefix").GetString());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(token, list.Output);

        var revoke = await Kp("token", "revoke", token[..10]);
        Assert.Equal(0, revoke.ExitCode);
        using (var refused = await script.GetAsync("/api/search?q=report", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        Assert.Equal(1, (await Kp("token", "revoke", "kp_nothere")).ExitCode);
    }
}
