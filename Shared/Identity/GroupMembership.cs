namespace KnowledgePortal.Shared.Identity;

public sealed class GroupMembership
{
    public required string UserId { get; set; }

    public Guid GroupId { get; set; }

    public Group? Group { get; set; }
}
