using KnowledgePortal.Shared.Identity;

namespace KnowledgePortal.Portal.Security;

/// <summary>Role names as Razor attributes need them (constants), e.g. [Authorize(Roles = PortalRoleNames.Admin)].</summary>
public static class PortalRoleNames
{
    public const string Admin = PortalRoles.Admin;

    public const string Editor = PortalRoles.Editor;

    /// <summary>Editors and admins (admins may do everything editors do).</summary>
    public const string EditorOrAdmin = PortalRoles.Editor + "," + PortalRoles.Admin;
}
