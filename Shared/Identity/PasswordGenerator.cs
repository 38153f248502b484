using System.Security.Cryptography;

namespace KnowledgePortal.Shared.Identity;

/// <summary>One-time passwords for new users and resets: random, and always within the password rules.</summary>
public static class PasswordGenerator
{
    // No 0/O, 1/l/I: people type these from a screen or a terminal.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string All = Upper + Lower + Digits;

    /// <summary>18 characters with at least one upper-case letter, one lower-case letter and one digit (about 100 bits).</summary>
    public static string Generate()
    {
        Span<char> password = stackalloc char[18];
        password[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        password[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        password[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < password.Length; i++)
        {
            password[i] = All[RandomNumberGenerator.GetInt32(All.Length)];
        }
        RandomNumberGenerator.Shuffle(password);
        return new string(password);
    }
}
