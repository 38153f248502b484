using System.Net;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Hosting;

/// <summary>Refuses a public address or proxy list that would silently not work, naming the setting.</summary>
public sealed class PublicAddressOptionsValidator : IValidateOptions<PublicAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicAddressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BaseUrl)
            && (options.BaseUri is not { } uri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Query.Length > 0))
        {
            failures.Add($"{PublicAddressOptions.Section}:BaseUrl must be an absolute http(s) address such as https://kb.example.com (got \"{options.BaseUrl}\").");
        }
        foreach (var proxy in options.TrustedProxies)
        {
            if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
            {
                failures.Add($"{PublicAddressOptions.Section}:TrustedProxies holds \"{proxy}\", which is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
