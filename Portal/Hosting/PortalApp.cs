using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Ingestion;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Portal.Api;
using KnowledgePortal.Portal.Components;
using KnowledgePortal.Portal.Features;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Composition;
using MudBlazor.Services;

namespace KnowledgePortal.Portal.Hosting;

/// <summary>
/// The portal's composition root, shared by Program and the tests that start the real portal on a
/// loopback port: the same services, the same pipeline.
/// </summary>
public static class PortalApp
{
    /// <summary>`--data DIR` is short for KnowledgePortal:DataDir, as for `kp`.</summary>
    private static readonly Dictionary<string, string> SwitchMappings = new() { ["--data"] = "KnowledgePortal:DataDir" };

    public static WebApplicationBuilder CreateBuilder(string[] args, WebApplicationOptions? options = null)
    {
        // Settings files and the static web assets manifest sit beside the assembly; the working directory
        // is the user's (relative data directories resolve against it), so it cannot be the content root.
        var builder = WebApplication.CreateBuilder(options ?? new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        // Run from the build output (dotnet run, the tests), MudBlazor's and Blazor's files are found through
        // the static web assets manifest in every environment, not only in Development; a published build has
        // no manifest and serves them from its wwwroot, so this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>Registers everything and builds the app with its request pipeline.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // First of the hosted services: the database is up to date before anything else touches it.
        services.AddHostedService<StoreInitializationService>();
        services.AddKnowledgeCore(configuration);
        // The portal uses ingestion for uploads and, unless a separate worker does it, to ingest in process.
        services.AddIngestion(configuration);
        if (configuration.GetValue("KnowledgePortal:Ingestion:RunWorker", true))
        {
            // By default the portal ingests in process; at scale, `kp worker` processes do it instead.
            services.AddHostedService<IngestionHostedService>();
        }
        services.AddPublicAddress();
        services.AddPortalSecurity(configuration);
        services.AddPortalFeatures();

        // An article body travels whole from the editor to the circuit as one message; SignalR's default of
        // 32 KB would drop the connection at a long article's first keystroke. Room for the largest body
        // allowed (as UTF-16 JSON) and the rest of the event.
        var articles = configuration.GetSection(ArticlesOptions.SectionName).Get<ArticlesOptions>() ?? new ArticlesOptions();
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = Math.Max(32 * 1024, articles.MaxBodyChars * 2L + 64 * 1024));
        services.AddMudServices();
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UsePublicAddress();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            // Re-executing a refused form POST (a forged or stale antiforgery token) would read the form again and
            // fail with a 500; only pages opened with GET get the friendly page, a POST keeps its plain status.
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
            return next(context);
        });
        app.UseApiStatusCodes();
        // Before sign-in is checked: an oversized body is refused without being read, whoever sends it.
        app.UseApiRequestBodyLimit();
        app.UsePortalSecurity();
        app.UseReaderCulture();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalEndpoints();
        // The portal's own policy already says frame-ancestors 'none'; the framework's second header ('self') would only muddle it.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
    }
}
