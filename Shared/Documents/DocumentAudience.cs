namespace KnowledgePortal.Shared.Documents;

/// <summary>One principal allowed to read a document: <see cref="Principals.Everyone"/> or a group.</summary>
public sealed class DocumentAudience
{
    public Guid DocumentId { get; set; }

    public required string Principal { get; set; }
}
