namespace KnowledgePortal.Ingestion.Articles;

/// <summary>What an import did with one file: the article it created or updated, or why it could not.</summary>
/// <param name="Line">The line of the problem, when there was one.</param>
public sealed record ImportedFile(string File, Guid? ArticleId, bool Created, string? Problem = null, int? Line = null)
{
    public bool Failed => Problem is not null;

    /// <summary>"file.md:3: unknown state …", as compilers point at a line.</summary>
    public override string ToString() => Failed ? $"{File}:{Line ?? 1}: {Problem}" : $"{File}: {(Created ? "created" : "updated")}";
}
