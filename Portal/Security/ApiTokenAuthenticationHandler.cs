using System.Security.Claims;
using System.Text.Encodings.Web;
using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Signs in the owner of a personal API token (<c>Authorization: Bearer kp_...</c>) with their roles,
/// as if they had signed in: the token acts for its owner and never beyond them. A locked-out
/// owner's tokens stop working with the account.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiTokenStore tokens,
    UserManager<PortalUser> users,
    IUserClaimsPrincipalFactory<PortalUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The token's id on the principal, so an audit can tell token calls from browser sessions.</summary>
    public const string TokenIdClaim = "api_token_id";

    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// Tokens are for the API only: pages, forms and Blazor circuits need the sign-in cookie, so a token
    /// (easier to leak than a session) can never open the profile page to mint more tokens or the admin pages.
    /// </summary>
    public static bool AppliesTo(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/mcp");

    /// <summary>Whether this scheme, not the cookie, judges the request: a Bearer token on an API path.</summary>
    public static bool Judges(HttpRequest request) => AppliesTo(request) && HasBearer(request);

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Judges(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = Request.Headers.Authorization.ToString()[BearerPrefix.Length..].Trim();
        var token = await tokens.ValidateAsync(presented, Context.RequestAborted);
        if (token is null)
        {
            // Never the token itself in the log: only that one was refused.
            Logger.LogInformation("Refused an API token that is unknown, revoked or expired");
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }
        var user = await users.FindByIdAsync(token.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            Logger.LogInformation("Refused API token {TokenId}: its owner is locked out or deleted", token.Id);
            return AuthenticateResult.Fail("The API token's owner cannot sign in.");
        }
        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        return Task.CompletedTask;
    }
}
