namespace KnowledgePortal.Shared.Identity;

/// <summary>A person as the admin pages and `kp user list` show them.</summary>
/// <param name="Role">The highest of their roles (Admin, Editor, Employee), or null when they have none.</param>
/// <param name="HasPassword">False for people who only sign in through the company's identity provider.</param>
public sealed record UserSummary(
    string Id,
    string Email,
    string? DisplayName,
    string? Role,
    IReadOnlyList<string> Groups,
    bool IsLockedOut,
    bool MustChangePassword,
    bool HasPassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email : DisplayName;
}
