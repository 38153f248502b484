using System.Diagnostics;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>
/// How long a failed sign-in takes must not tell whether the email has an account: the median of 20
/// wrong passwords for real accounts against 20 unknown emails, as a ratio measured in the same run.
/// </summary>
public sealed class SignInTimingTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const int Tries = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_password_for_a_real_account_takes_as_long_as_an_unknown_email()
    {
        var portal = fixture.Portal;
        // Five tries per account: the fifth locks it, and a locked account must cost the same too.
        var accounts = new List<string>();
        for (var i = 0; i < Tries / 5; i++)
        {
            accounts.Add((await portal.CreateUserAsync($"timing-{i}@example.com")).Email!);
        }
        using var client = portal.Client();
        var token = await client.AntiforgeryTokenAsync("/account/sign-in");
        await PostSignInAsync(client, token, "warm-up@example.com"); // the first request of a kind pays for JIT

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < Tries; i++)
        {
            known.Add(await TimeAsync(() => PostSignInAsync(client, token, accounts[i % accounts.Count])));
            unknown.Add(await TimeAsync(() => PostSignInAsync(client, token, $"nobody-{i}@example.com")));
        }

        var ratio = Median(known) / Median(unknown);
        TestContext.Current.SendDiagnosticMessage(
            $"failed sign-in, median of {Tries}: known account {Median(known):0.0} ms, unknown email {Median(unknown):0.0} ms, ratio {ratio:0.00}");
        // Before constant work the ratio was about 20 (a password hash against none).
        Assert.InRange(ratio, 0.5, 2.0);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task PostSignInAsync(HttpClient client, string antiforgery, string email)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.Email"] = email,
            ["Input.Password"] = "Not-the-password-1",
        });
        using var response = await client.PostAsync("/account/sign-in", content, Ct);
        Assert.Contains("Wrong email or password", await response.Content.ReadAsStringAsync(Ct));
    }
}
