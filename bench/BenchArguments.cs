using System.Globalization;

namespace KnowledgePortal.Bench;

internal sealed record BenchArguments(string Corpus, string? OutputFile, int SyntheticChunks, string? EvidenceFile, string CommandLine)
{
    public static BenchArguments Parse(string[] args)
    {
        string? corpus = null, output = null, evidence = null;
        var synthetic = 200_000;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--corpus": corpus = Next(); break;
                case "--out": output = Next(); break;
                case "--synthetic": synthetic = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--evidence": evidence = Next(); break;
                default: throw new ArgumentException($"unknown argument {args[i]}; use --corpus DIR --out FILE --synthetic N --evidence FILE");
            }
        }
        corpus ??= Path.Combine(RepositoryRoot(), "..", "shared", "corpus", "contoso");
        if (!Directory.Exists(corpus))
        {
            throw new DirectoryNotFoundException($"corpus not found: {corpus} (use --corpus DIR)");
        }
        return new BenchArguments(Path.GetFullPath(corpus), output, synthetic, evidence,
            "dotnet run -c Release --project bench -- " + string.Join(' ', args));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KnowledgePortal.sln")))
            {
                return directory.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
