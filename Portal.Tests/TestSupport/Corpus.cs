namespace KnowledgePortal.Tests.TestSupport;

/// <summary>
/// The shared evaluation corpus, read in place from <c>../shared/corpus</c> beside the repository:
/// it is data the project must not copy into its own tree.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> ContosoPath = new(FindContoso);

    /// <summary>The folder holding the Contoso PDFs, Markdown and question files.</summary>
    public static string Contoso => ContosoPath.Value;

    /// <summary>The full path of a corpus file; fails the test clearly when the file is missing.</summary>
    public static string File(string name)
    {
        var path = Path.Combine(Contoso, name);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"Corpus file {name} is missing from {Contoso}.", path);
        }
        return path;
    }

    public static byte[] ReadAllBytes(string name) => System.IO.File.ReadAllBytes(File(name));

    private static string FindContoso()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "KnowledgePortal.sln")))
            {
                var contoso = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus", "contoso"));
                if (!Directory.Exists(contoso))
                {
                    throw new DirectoryNotFoundException(
                        $"The corpus is expected at {contoso}, beside the repository at {directory.FullName}.");
                }
                return contoso;
            }
        }
        throw new DirectoryNotFoundException(
            $"No KnowledgePortal.sln above {AppContext.BaseDirectory}; the corpus is located relative to the repository.");
    }
}
