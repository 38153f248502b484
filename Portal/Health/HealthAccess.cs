using System.Security.Cryptography;
using System.Text;
using KnowledgePortal.Shared.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Health;

/// <summary>
/// Decides who reads the details of <c>GET /health</c>. Counts of documents and passages move when a
/// document only some may read is added, and model names and queue depth help an attacker, so anyone
/// else gets the status word alone.
/// </summary>
public sealed class HealthAccess(IOptions<HealthOptions> options)
{
    /// <summary>The header a monitoring system sends the configured health token in.</summary>
    public const string TokenHeader = "X-Health-Token";

    private readonly byte[]? tokenHash = options.Value.Token is { Length: > 0 } token ? Hash(token.Trim()) : null;

    /// <summary>An administrator signed in with the cookie, or a request carrying the configured token.</summary>
    public bool MaySeeDetails(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated == true && context.User.IsInRole(PortalRoles.Admin))
        {
            return true;
        }
        if (tokenHash is null || context.Request.Headers[TokenHeader] is not [{ } sent])
        {
            return false;
        }
        // Hashes of equal length, compared in constant time: neither the token's length nor a matching prefix shows in the timing.
        return CryptographicOperations.FixedTimeEquals(Hash(sent.Trim()), tokenHash);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
