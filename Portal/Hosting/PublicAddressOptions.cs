namespace KnowledgePortal.Portal.Hosting;

/// <summary>
/// Bound from <c>KnowledgePortal:PublicAddress</c>: how people reach the portal. Links for integrations
/// are built from <see cref="BaseUrl"/> rather than from the request's Host header, and the proxies in
/// <see cref="TrustedProxies"/> may say (X-Forwarded-For, X-Forwarded-Proto) who the client is and that it came over HTTPS.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string Section = "KnowledgePortal:PublicAddress";

    /// <summary>The address people open, e.g. <c>https://kb.example.com</c>. Its host is allowed in addition to <c>AllowedHosts</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>IP addresses or networks (CIDR) of reverse proxies whose forwarded headers are believed; loopback always is.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public Uri? BaseUri => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) ? uri : null;

    public bool IsHttps => BaseUri?.Scheme == Uri.UriSchemeHttps;
}
