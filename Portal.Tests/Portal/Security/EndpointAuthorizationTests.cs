using System.Net;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>
/// Generated from the running portal's endpoint list (minimal API endpoints and every Razor page
/// route): each one either refuses an anonymous request or is on the short allow-list below. A new
/// page or endpoint that forgets its policy makes this fail.
/// </summary>
public sealed class EndpointAuthorizationTests : IAsyncLifetime
{
    /// <summary>The only routes anyone may open without signing in, and why.</summary>
    private static readonly Dictionary<string, string> AnonymousAllowList = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/account/sign-in"] = "the sign-in form",
        ["/account/sign-in/external"] = "starts single sign-on (when configured)",
        ["/account/sign-in/external/callback"] = "returns from single sign-on (when configured)",
        ["/health"] = "liveness for load balancers and monitoring; says nothing about documents",
        ["/not-found"] = "the 404 page (the same for a missing and a forbidden document)",
        ["/error"] = "the error page",
    };

    private PortalHost portal = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        portal = await PortalHost.StartAsync(new Dictionary<string, string?>
        {
            // Single sign-on on, so its endpoints are part of the list (the provider is never contacted here).
            ["KnowledgePortal:Oidc:Authority"] = "https://login.example.com/realms/company",
            ["KnowledgePortal:Oidc:ClientId"] = "knowledge-portal",
        });
        await portal.CreateUserAsync("employee@example.com");
    }

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_and_page_refuses_anonymous_requests_unless_it_is_on_the_allow_list()
    {
        var endpoints = RouteEndpoints().Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null).ToList();
        Assert.Contains(endpoints, e => Route(e) == "/");                        // pages are in the list…
        Assert.Contains(endpoints, e => Route(e) == "/admin/users");
        Assert.Contains(endpoints, e => Route(e) == "/account/sign-out");        // …and so are minimal endpoints
        using var anonymous = portal.Client();
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = Route(endpoint);
            var allowsAnonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (allowsAnonymous)
            {
                if (!AnonymousAllowList.ContainsKey(route))
                {
                    problems.Add($"{route} allows anonymous access but is not on the allow-list");
                }
                continue;
            }
            foreach (var method in Methods(endpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), SampleUrl(endpoint.RoutePattern));
                if (method != HttpMethods.Get && method != HttpMethods.Head)
                {
                    request.Content = new FormUrlEncodedContent([]);
                }
                using var response = await anonymous.SendAsync(request, Ct);
                if (!RefusesAnonymous(response))
                {
                    problems.Add($"{method} {request.RequestUri} answered {(int)response.StatusCode} {response.Headers.Location} to an anonymous request");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Static_assets_are_files_of_the_portal_and_its_packages_only()
    {
        // Anonymous by design (the sign-in page needs its CSS); each is a build-time file, never data.
        var assets = RouteEndpoints().Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, asset => Assert.DoesNotContain("{", asset.RoutePattern.RawText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_pages_require_the_admin_policy_and_an_employee_is_sent_to_access_denied()
    {
        var adminRoutes = RouteEndpoints().Where(e => Route(e).StartsWith("/admin", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(adminRoutes, e => Route(e) == "/admin/users");
        Assert.Contains(adminRoutes, e => Route(e) == "/admin/groups");
        using var employee = await portal.SignedInClientAsync("employee@example.com", PortalHost.UserPassword);
        using var admin = await portal.SignedInClientAsync(PortalHost.AdminEmail, PortalHost.AdminPassword);
        foreach (var endpoint in adminRoutes)
        {
            Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == PortalPolicies.Admin);
            var url = SampleUrl(endpoint.RoutePattern);

            using var refused = await employee.GetAsync(url, Ct);
            Assert.True(
                refused.StatusCode == HttpStatusCode.Forbidden
                || (refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal)),
                $"{url} answered {(int)refused.StatusCode} {refused.Headers.Location} to an employee");

            using var allowed = await admin.GetAsync(url, Ct);
            Assert.True(allowed.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url} answered {(int)allowed.StatusCode} to an admin");
        }

        using var denied = await employee.GetAsync("/account/access-denied", Ct);
        Assert.Contains("have access to this page", await denied.Content.ReadAsStringAsync(Ct));
    }

    private List<RouteEndpoint> RouteEndpoints() =>
        [.. portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    private static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : [HttpMethods.Get];

    /// <summary>The route with every parameter filled by a plausible value (a new guid for a document id, 1 for a number).</summary>
    private static string SampleUrl(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? string.Empty).ToList();
        if (constraints.Contains("guid"))
        {
            return Guid.NewGuid().ToString();
        }
        if (constraints.Any(c => c is "int" or "long" or "decimal" or "double" or "float"))
        {
            return "1";
        }
        if (constraints.Contains("bool"))
        {
            return "true";
        }
        if (constraints.Contains("file"))
        {
            return "sample.txt";
        }
        return parameter.Default?.ToString() ?? "sample";
    }

    /// <summary>Refused: 401, or the redirect to the sign-in page.</summary>
    private static bool RefusesAnonymous(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther
            && response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.OrdinalIgnoreCase) == true);
}
