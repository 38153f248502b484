namespace KnowledgePortal.Shared.Documents;

/// <summary>Makes a file name safe to show and store: no directories, no control characters, bounded length.</summary>
public static class DocumentNames
{
    private const int MaxLength = 200;

    public static string Clean(string? name)
    {
        var fileName = (name ?? string.Empty).Replace('\\', '/');
        fileName = fileName[(fileName.LastIndexOf('/') + 1)..]; // "../../etc/passwd" -> "passwd"
        fileName = new string(fileName.Where(c => !char.IsControl(c)).ToArray()).Trim().Trim('.');
        if (fileName.Length == 0)
        {
            return "untitled";
        }
        if (fileName.Length > MaxLength)
        {
            var extension = Path.GetExtension(fileName);
            extension = extension.Length > 16 ? string.Empty : extension;
            fileName = fileName[..(MaxLength - extension.Length)] + extension;
        }
        return fileName;
    }
}
