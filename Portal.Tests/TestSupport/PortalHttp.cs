using System.Net;
using System.Text.RegularExpressions;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>
/// Plain HTTP against the running portal, as a browser without JavaScript or a script would use it:
/// its own cookies, no redirects followed (tests look at them), forms posted with their antiforgery token.
/// </summary>
public static partial class PortalHttp
{
    /// <param name="cookies">The client's cookie jar, for a test that looks at (or copies) the cookies it holds.</param>
    public static HttpClient Client(this PortalHost portal, string? bearerToken = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = portal.BaseAddress,
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return client;
    }

    /// <summary>Opens the page, then posts its form <paramref name="formName"/> with these fields and the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pagePath, TestContext.Current.CancellationToken);
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = AntiforgeryTokenIn(page, pagePath),
        };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(pagePath, content, TestContext.Current.CancellationToken);
    }

    /// <summary>Signs in through the real sign-in form; returns the response (a redirect when it worked, the page with an error otherwise).</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string returnUrl = "/") =>
        client.PostFormAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>A client signed in as this person (asserts that the sign-in worked).</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalHost portal, string email, string password, CookieContainer? cookies = null)
    {
        var client = portal.Client(cookies: cookies);
        using var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Where a redirect points, as a local path and query (the portal writes some as absolute URLs).</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} is not a redirect");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>The antiforgery token of a page's form, for posting it (or another form of the same session) by hand.</summary>
    public static string AntiforgeryTokenIn(string html, string page)
    {
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path) =>
        AntiforgeryTokenIn(await client.GetStringAsync(path, TestContext.Current.CancellationToken), path);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
