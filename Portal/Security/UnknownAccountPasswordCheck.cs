using System.Security.Cryptography;
using KnowledgePortal.Shared.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Hashes the typed password against a throw-away hash when there is no account to check it against
/// (an unknown email, a locked account): every failed sign-in costs one password hash, so how long
/// the answer takes does not tell which emails have accounts.
/// </summary>
public sealed class UnknownAccountPasswordCheck
{
    private readonly PasswordHasher<PortalUser> hasher;
    private readonly PortalUser nobody = new() { UserName = "nobody" };
    private readonly string hash;

    public UnknownAccountPasswordCheck(IOptions<PasswordHasherOptions> options)
    {
        hasher = new PasswordHasher<PortalUser>(options);
        hash = hasher.HashPassword(nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    }

    /// <summary>As slow as checking a real password, and never a match.</summary>
    public void SpendTheSameWork(string? password) => hasher.VerifyHashedPassword(nobody, hash, password ?? string.Empty);
}
