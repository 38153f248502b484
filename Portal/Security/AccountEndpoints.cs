using KnowledgePortal.Portal.Security.Oidc;
using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Sign-out is a form POST with an antiforgery token: a link or an image on another site cannot sign people out.
        endpoints.MapPost("/account/sign-out", async (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signIn) =>
            {
                // The antiforgery middleware only rejects endpoints that bind a form; this one binds nothing, so it checks itself.
                if (!await HasValidAntiforgeryTokenAsync(context, antiforgery))
                {
                    return Results.BadRequest();
                }
                // Ends the server-side session too (SessionTicketStore), so a copy of the cookie is worthless now.
                await signIn.SignOutAsync();
                // "Sign in again" (to create a token) comes back to where the person was.
                var back = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync())["returnUrl"].ToString() : null;
                return Results.LocalRedirect(back is { Length: > 0 }
                    ? $"/account/sign-in?returnUrl={Uri.EscapeDataString(ReturnUrls.Local(back))}"
                    : "/account/sign-in");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

        if (endpoints.ServiceProvider.GetRequiredService<IOptions<OidcSignInOptions>>().Value.Enabled)
        {
            MapExternalSignIn(endpoints);
        }
        return endpoints;
    }

    /// <summary>
    /// "Sign in with …": a form POST (with antiforgery, so another site cannot start a sign-in) that
    /// sends the person to the identity provider, and the callback that links or creates their portal account.
    /// </summary>
    private static void MapExternalSignIn(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-in/external", async (HttpContext context, IAntiforgery antiforgery, [FromForm] string? returnUrl) =>
            {
                if (!await HasValidAntiforgeryTokenAsync(context, antiforgery))
                {
                    return Results.BadRequest();
                }
                var callback = $"/account/sign-in/external/callback?returnUrl={Uri.EscapeDataString(ReturnUrls.Local(returnUrl))}";
                return Results.Challenge(new AuthenticationProperties { RedirectUri = callback }, [PortalAuthenticationSchemes.Oidc]);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();

        endpoints.MapGet("/account/sign-in/external/callback", async (
                HttpContext context, string? returnUrl, ExternalAccountSynchronizer synchronizer,
                SignInManager<PortalUser> signIn, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            {
                var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
                await context.SignOutAsync(IdentityConstants.ExternalScheme);
                if (!external.Succeeded)
                {
                    return Results.LocalRedirect("/account/sign-in?error=external");
                }
                PortalUser user;
                try
                {
                    user = await synchronizer.SynchronizeAsync(external.Principal, PortalAuthenticationSchemes.Oidc, cancellationToken);
                }
                catch (AccountAdministrationException e)
                {
                    loggers.CreateLogger(typeof(AccountEndpoints)).LogWarning("Single sign-on refused: {Reason}", e.Message);
                    return Results.LocalRedirect("/account/sign-in?error=external");
                }
                if (await signIn.UserManager.IsLockedOutAsync(user))
                {
                    return Results.LocalRedirect("/account/sign-in?error=locked");
                }
                await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: PortalAuthenticationSchemes.Oidc);
                return Results.LocalRedirect(ReturnUrls.Local(returnUrl));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    /// <summary>The antiforgery middleware's verdict when it ran (it has, for endpoints that require a token), else a check of our own.</summary>
    private static async Task<bool> HasValidAntiforgeryTokenAsync(HttpContext context, IAntiforgery antiforgery) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { } validation
            ? validation.IsValid
            : await antiforgery.IsRequestValidAsync(context);
}
