using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Authorization;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Someone who signed in with a one-time password (generated, or set by an administrator) reaches
/// nothing but the change-password page until they have chosen their own.
/// </summary>
public static class PasswordChangeEnforcement
{
    public const string ChangePasswordPath = "/account/change-password";

    private static readonly PathString[] Allowed = [ChangePasswordPath, "/account/sign-out"];

    public static IApplicationBuilder UsePasswordChangeEnforcement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!MustChangePassword(context) || IsAllowed(context))
        {
            await next();
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    });

    private static bool MustChangePassword(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type }
        && type != PortalAuthenticationSchemes.ApiToken // a token is its own credential, created before the reset or not
        && context.User.HasClaim(PortalClaimTypes.MustChangePassword, "true");

    /// <summary>The change-password page, sign-out, and whatever anyone may open (sign-in, static files, error pages).</summary>
    private static bool IsAllowed(HttpContext context) =>
        Allowed.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
        || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
}
