using Microsoft.AspNetCore.Identity;

namespace KnowledgePortal.Shared.Identity;

/// <summary>A person who signs in to the portal (ASP.NET Core Identity user with the portal's own fields).</summary>
public sealed class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>Set for a generated or admin-reset password: the user must choose their own at next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public List<GroupMembership> Groups { get; set; } = [];
}
