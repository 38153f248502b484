namespace KnowledgePortal.Shared.Documents;

/// <summary>What a source document is, decided from its content (magic bytes), not only its name.</summary>
public enum DocumentKind
{
    Pdf = 1,
    Markdown = 2,
    Text = 3,
    Html = 4,
    Word = 5,
    PowerPoint = 6,
}
