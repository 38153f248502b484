namespace KnowledgePortal.Shared.Documents;

/// <summary>The text of one page as the source viewer shows it; chunk offsets index into it.</summary>
public sealed class DocumentPage
{
    public Guid DocumentId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }
}
