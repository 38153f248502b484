namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>The fallback every parser shares when a document names itself nowhere.</summary>
internal static class DocumentTitles
{
    public static string FromFileName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return string.IsNullOrWhiteSpace(name) ? fileName : name;
    }
}
