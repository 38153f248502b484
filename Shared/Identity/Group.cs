namespace KnowledgePortal.Shared.Identity;

/// <summary>A set of people (HR, Engineering...) that document audiences name.</summary>
public sealed class Group
{
    public Guid Id { get; set; }

    /// <summary>Unique, case-insensitively; the principal "group:{Name}" in audiences.</summary>
    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<GroupMembership> Members { get; set; } = [];
}
