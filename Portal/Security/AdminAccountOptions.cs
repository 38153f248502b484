namespace KnowledgePortal.Portal.Security;

/// <summary>Bound from <c>KnowledgePortal:Admin</c>: the first administrator, created when the portal has no users.</summary>
public sealed class AdminAccountOptions
{
    public const string Section = "KnowledgePortal:Admin";

    public string Email { get; set; } = "admin@localhost";

    /// <summary>When empty, a one-time password is generated and printed once; it must be changed at first sign-in.</summary>
    public string? Password { get; set; }
}
