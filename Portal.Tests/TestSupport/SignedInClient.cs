using System.Net;
using System.Text.RegularExpressions;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>
/// HttpClients for the portal's HTTP API: anonymous, or signed in through the real sign-in form
/// (a static-SSR EditForm: antiforgery token + Input.Email/Input.Password, handler "sign-in") with the
/// Identity cookie kept in a cookie container, as a browser would.
/// </summary>
public static partial class SignedInClient
{
    public static HttpClient Anonymous(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };

    public static async Task<HttpClient> CreateAsync(Uri baseAddress, string email, string password, CancellationToken cancellationToken)
    {
        var client = Anonymous(baseAddress);
        try
        {
            var form = await client.GetStringAsync("/account/sign-in", cancellationToken);
            var token = AntiforgeryInput().Match(form);
            Assert.True(token.Success, "The sign-in page has no antiforgery token.");
            using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
                ["_handler"] = "sign-in",
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }), cancellationToken);
            // A successful sign-in redirects; a failed one renders the form again with a message.
            Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                $"Sign-in as {email} failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__RequestVerificationToken"[^>]*""")]
    private static partial Regex AntiforgeryInput();
}
