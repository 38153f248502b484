using System.Security.Cryptography;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Security headers on every response. The CSP is what Blazor Server and MudBlazor work under:
/// scripts only from the portal (plus a per-request nonce for the import map), styles inline
/// (MudBlazor writes its theme and element styles inline), the circuit's WebSocket to the portal itself.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>HttpContext.Items key of the request's script nonce, read by App.razor.</summary>
    public const string NonceKey = "csp-nonce";

    private const string Policy =
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
        "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy.Replace("{nonce}", nonce, StringComparison.Ordinal);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        await next();
    });
}
