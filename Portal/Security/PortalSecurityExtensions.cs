using KnowledgePortal.Portal.Hosting;
using KnowledgePortal.Portal.Security.Oidc;
using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KnowledgePortal.Portal.Security;

public static class PortalSecurityExtensions
{
    /// <summary>
    /// Identity on the portal database; sign-in by cookie, API token or (when configured) the company's
    /// identity provider; the named policies; and a fallback policy: everything needs sign-in unless marked otherwise.
    /// </summary>
    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();

        services.AddPortalIdentityCore().AddSignInManager();
        services.AddOptions<SignInSessionOptions>().BindConfiguration(SignInSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // A changed security stamp ends cookie sessions within a minute, not the default half hour (the
            // administrator's actions also end the server-side sessions at once: SignInSessionStore).
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed principal is built afresh from the user; when the person signed in stays with the session.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(PortalClaimTypes.AuthenticatedAt) is { } signedInAt
                    && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(signedInAt.Type, signedInAt.Value, signedInAt.ValueType));
                }
                return Task.CompletedTask;
            };
        });

        var authentication = services
            .AddAuthentication(PortalAuthenticationSchemes.Default)
            .AddPolicyScheme(PortalAuthenticationSchemes.Default, "Sign-in cookie or API token", o =>
                o.ForwardDefaultSelector = context => ApiTokenAuthenticationHandler.Judges(context.Request)
                    ? PortalAuthenticationSchemes.ApiToken
                    : PortalAuthenticationSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(PortalAuthenticationSchemes.ApiToken, displayName: null, _ => { });
        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "kp.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.Events.OnSigningIn = context =>
            {
                if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == PortalClaimTypes.AuthenticatedAt))
                {
                    identity.AddClaim(RecentSignIn.ClaimFor(context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
                }
                return Task.CompletedTask;
            };
            // Signing in on the sign-in page, the handler would redirect to the raw ReturnUrl itself (a 500 for
            // "/search?q=café", and no room for the lockout notice); the page sends people on with ReturnUrls.Local.
            cookie.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SignInSessionStore, IOptions<SignInSessionOptions>, IOptions<PublicAddressOptions>>((cookie, sessions, sessionOptions, address) =>
            {
                cookie.SessionStore = new SessionTicketStore(sessions);
                cookie.ExpireTimeSpan = TimeSpan.FromHours(sessionOptions.Value.IdleHours);
                // Over plain HTTP (a first run on localhost) a Secure cookie would never come back; behind TLS,
                // directly or through a proxy that says so (X-Forwarded-Proto), the request is HTTPS and the cookie Secure.
                cookie.Cookie.SecurePolicy = address.Value.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            });
        AddOidc(services, authentication, configuration);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin))
            .AddPolicy(PortalPolicies.Editor, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Editor, PortalRoles.Admin));

        services.AddSingleton<UnknownAccountPasswordCheck>();
        services.AddSingleton<CallerResolver>();
        services.TryAddSingleton(new OperatorConsole(Console.Out));
        services.AddOptions<AdminAccountOptions>().BindConfiguration(AdminAccountOptions.Section);
        services.AddHostedService<FirstAdminSeeder>();
        return services;
    }

    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UsePasswordChangeEnforcement();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Single sign-on through the company's OpenID Connect provider, registered only when
    /// <c>KnowledgePortal:Oidc:Authority</c> is set; the settings are validated at start.
    /// </summary>
    private static void AddOidc(IServiceCollection services, AuthenticationBuilder authentication, IConfiguration configuration)
    {
        services.AddOptions<OidcSignInOptions>().BindConfiguration(OidcSignInOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcSignInOptions>, OidcSignInOptionsValidator>();
        services.AddScoped<ExternalAccountSynchronizer>();
        var enabled = !string.IsNullOrWhiteSpace(configuration[$"{OidcSignInOptions.Section}:{nameof(OidcSignInOptions.Authority)}"]);
        if (!enabled)
        {
            return;
        }
        authentication.AddOpenIdConnect(PortalAuthenticationSchemes.Oidc, _ => { });
        services.AddOptions<OpenIdConnectOptions>(PortalAuthenticationSchemes.Oidc).Configure<IOptions<OidcSignInOptions>>((oidc, settings) =>
        {
            var s = settings.Value;
            oidc.Authority = s.Authority;
            oidc.ClientId = s.ClientId;
            oidc.ClientSecret = s.ClientSecret;
            oidc.RequireHttpsMetadata = s.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.CallbackPath = "/signin-oidc";
            oidc.SignedOutCallbackPath = "/signout-callback-oidc";
            oidc.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                oidc.Scope.Add(scope);
            }
            oidc.GetClaimsFromUserInfoEndpoint = true;
            // Groups and roles may come from the userinfo endpoint rather than the id token: keep them (one claim per value).
            oidc.ClaimActions.MapJsonKey(s.GroupsClaim, s.GroupsClaim);
            oidc.ClaimActions.MapJsonKey(s.RoleClaim, s.RoleClaim);
            // Keep the provider's claim names ("email", "groups"): the settings name them as the provider does.
            oidc.MapInboundClaims = false;
            // The portal keeps its own session; the provider's tokens are not needed after sign-in.
            oidc.SaveTokens = false;
        });
    }

    /// <summary>Pages redirect to sign-in; the API answers 401/403, which is what an integration can act on.</summary>
    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
