using System.Net;
using AngleSharp.Html.Parser;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>Plain HTTP to the portal, signed in through its real sign-in form (antiforgery token and all).</summary>
public static class PortalClient
{
    /// <summary>A client that does not follow redirects, so tests see 302s to the sign-in page as they are.</summary>
    public static HttpClient Anonymous(PortalHost portal) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = portal.BaseAddress };

    public static async Task<HttpClient> SignInAsync(PortalHost portal, string email, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = portal.BaseAddress };
        var formPage = await client.GetStringAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var form = new HtmlParser().ParseDocument(formPage).QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? string.Empty))
            .Append(new("Input.Email", email))
            .Append(new("Input.Password", password));
        using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        Assert.True(
            cookies.GetCookies(portal.BaseAddress).Any(c => c.Name == "kp.auth"),
            $"Sign-in as {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return client;
    }
}
