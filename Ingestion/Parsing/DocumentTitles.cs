using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>How every parser names a document: its own title when that says something, else the file name.</summary>
internal static class DocumentTitles
{
    public static string FromFileName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return string.IsNullOrWhiteSpace(name) ? fileName : name;
    }

    /// <summary>
    /// Titles in a file's metadata are often left over from the authoring tool ("Microsoft Word - draft3.docx",
    /// "Untitled") and say less than the first heading; those are ignored.
    /// </summary>
    public static string? Meaningful(string? title, string fileName)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }
        var trimmed = TextNormalizer.CollapseWhitespace(title);
        if (trimmed.Length < 3 || trimmed.Length > 300 || !trimmed.Any(char.IsLetter))
        {
            return null;
        }
        string[] placeholders = ["untitled", "document", "title", "no title", "presentation", "slide 1", "page 1"];
        if (placeholders.Contains(trimmed.ToLowerInvariant()))
        {
            return null;
        }
        if (trimmed.StartsWith("Microsoft Word - ", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("Microsoft PowerPoint - ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string[] fileExtensions = [".doc", ".docx", ".pdf", ".rtf", ".odt", ".tmp", ".indd", ".qxd", ".ppt", ".pptx", ".xls", ".xlsx", ".txt"];
        if (fileExtensions.Any(e => trimmed.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        if (string.Equals(trimmed, FromFileName(fileName), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return trimmed;
    }
}
