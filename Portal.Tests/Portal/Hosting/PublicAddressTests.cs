using System.Net;
using System.Text.Json;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Hosting;

/// <summary>
/// The portal behind its public address (https://kb.example.com, TLS ended by a reverse proxy on this
/// machine): which Host headers it answers, the links it builds, and the HTTPS rules.
/// </summary>
public sealed class PublicAddressTests(PublicAddressTests.Fixture fixture) : IClassFixture<PublicAddressTests.Fixture>
{
    private const string PublicHost = "kb.example.com";

    private PortalHost Portal => fixture.Portal;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Links_use_the_public_address_whatever_host_the_request_names_and_foreign_hosts_get_400()
    {
        using var script = await ScriptAsync();
        script.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        script.DefaultRequestHeaders.Host = "localhost";
        using (var search = await script.GetAsync("/api/search?q=badge+office", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            var hit = JsonDocument.Parse(await search.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("hits")[0];
            Assert.StartsWith($"https://{PublicHost}/sources/", hit.GetProperty("viewerUrl").GetString());
            Assert.Equal("no-store", search.Headers.CacheControl?.ToString()); // passages are one person's view
        }

        script.DefaultRequestHeaders.Host = "evil.example";
        using var foreign = await script.GetAsync("/api/search?q=badge+office", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }

    [Fact]
    public async Task Over_https_the_cookie_is_secure_and_hsts_is_sent_and_plain_http_is_redirected_to_https()
    {
        using var client = Portal.Client();
        client.DefaultRequestHeaders.Host = PublicHost;
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        await Portal.CreateUserAsync("secure-cookie@example.com");

        using var signIn = await client.SignInAsync("secure-cookie@example.com", PortalHost.UserPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("kp.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Assert.Single(signIn.Headers.GetValues("Strict-Transport-Security")));

        using var plain = Portal.Client();
        plain.DefaultRequestHeaders.Host = PublicHost;
        using var redirected = await plain.GetAsync("/account/sign-in", Ct);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal($"https://{PublicHost}/account/sign-in", redirected.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Without_settings_the_portal_answers_only_to_local_host_names()
    {
        await using var portal = await PortalHost.StartAsync();
        using var client = portal.Client();

        client.DefaultRequestHeaders.Host = "evil.example";
        using (var foreign = await client.GetAsync("/account/sign-in", Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        }
        client.DefaultRequestHeaders.Host = "localhost";
        using var local = await client.GetAsync("/account/sign-in", Ct);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.False(local.Headers.Contains("Strict-Transport-Security")); // plain HTTP on a first run stays plain
    }

    private async Task<HttpClient> ScriptAsync()
    {
        var user = await Portal.CreateUserAsync($"script-{Guid.NewGuid():N}@example.com");
        var token = await Portal.Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "links", null, Ct);
        return Portal.Client(token.Secret);
    }

    public sealed class Fixture : PortalFixture
    {
        protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
        {
            ["KnowledgePortal:PublicAddress:BaseUrl"] = $"https://{PublicHost}",
        };

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Portal.IngestMarkdownAsync("visitors.md", "# Visitors\n\nVisitors collect a badge at the front office before 9 am.\n");
        }
    }
}
