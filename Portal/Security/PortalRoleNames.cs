using KnowledgePortal.Shared.Identity;

namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Role names as constants. Pages and endpoints should use the named policies in
/// <see cref="PortalPolicies"/> instead, so that what a role may do is decided in one place.
/// </summary>
public static class PortalRoleNames
{
    public const string Admin = PortalRoles.Admin;

    public const string Editor = PortalRoles.Editor;

    /// <summary>Editors and admins (admins may do everything editors do).</summary>
    public const string EditorOrAdmin = PortalRoles.Editor + "," + PortalRoles.Admin;
}
