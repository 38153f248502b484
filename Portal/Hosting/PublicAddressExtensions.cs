using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Hosting;

/// <summary>
/// The portal as the outside world reaches it: which Host headers it answers (AllowedHosts plus the
/// public address), which proxies it believes, and HTTPS (HSTS and redirection) when it is served over it.
/// </summary>
public static class PublicAddressExtensions
{
    public static IServiceCollection AddPublicAddress(this IServiceCollection services)
    {
        services.AddOptions<PublicAddressOptions>().BindConfiguration(PublicAddressOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicAddressOptions>, PublicAddressOptionsValidator>();
        // Runs after the host's own set-up has read AllowedHosts: the public address is always one of them.
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<PublicAddressOptions>>((filtering, address) =>
        {
            if (address.Value.BaseUri is { } uri && !filtering.AllowedHosts.Contains("*") && !filtering.AllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                filtering.AllowedHosts = [.. filtering.AllowedHosts, uri.Host];
            }
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PublicAddressOptions>>((forwarded, address) =>
        {
            // The Host header is not taken from a proxy: AllowedHosts already judges the one that arrives.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in address.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var ip))
                {
                    forwarded.KnownProxies.Add(ip);
                }
                else if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<PublicAddressOptions>>((redirection, address) =>
        {
            if (address.Value is { IsHttps: true, BaseUri: { } uri })
            {
                redirection.HttpsPort = uri.Port;
            }
        });
        return services;
    }

    public static WebApplication UsePublicAddress(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // HSTS is only ever sent over HTTPS (and never for localhost), so a first run over plain HTTP is unaffected.
            app.UseHsts();
            // Redirect only when there is an HTTPS address to send people to; otherwise the middleware would only warn.
            var address = app.Services.GetRequiredService<IOptions<PublicAddressOptions>>().Value;
            if (address.IsHttps || !string.IsNullOrEmpty(app.Configuration["HTTPS_PORTS"]) || !string.IsNullOrEmpty(app.Configuration["https_port"]))
            {
                app.UseHttpsRedirection();
            }
        }
        return app;
    }
}
