namespace KnowledgePortal.Ingestion.Articles;

/// <summary>An article file that cannot be read, with the line of the problem.</summary>
public sealed class ArticleFileException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
