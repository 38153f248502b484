namespace KnowledgePortal.Shared.Identity;

/// <summary>The portal's roles. Roles decide what a person may do; groups decide what they may read.</summary>
public static class PortalRoles
{
    /// <summary>Asks, searches, reads sources, gives feedback.</summary>
    public const string Employee = "Employee";

    /// <summary>Also curates articles and works on knowledge gaps.</summary>
    public const string Editor = "Editor";

    /// <summary>Also manages documents, users, groups and the portal.</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Employee, Editor, Admin];
}
