using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace KnowledgePortal.Portal.Security;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a form POST with an antiforgery token: a link or an image on another site cannot sign people out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", async (SignInManager<PortalUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return Results.LocalRedirect("/account/sign-in");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return endpoints;
    }
}
