using System.Globalization;

namespace KnowledgePortal.Bench;

internal sealed record BenchArguments(string Corpus, string? OutputFile, int SyntheticChunks, string? EvidenceFile, string CommandLine)
{
    /// <summary>`--portal`: benchmark the running portal (HTTP API under load, memory per Blazor circuit) instead of the core.</summary>
    public bool Portal { get; init; }

    /// <summary>`--formats`: OCR and the ingestion of each format and of hostile files (<see cref="FormatsBenchmark"/>).</summary>
    public bool Formats { get; init; }

    /// <summary>`--articles`: publish-to-answerable latency and retrieval with curated articles added (<see cref="ArticlesBenchmark"/>).</summary>
    public bool Articles { get; init; }

    /// <summary>How long the concurrent /api/ask clients run, in seconds (`--duration`).</summary>
    public int DurationSeconds { get; init; } = 60;

    /// <summary>Concurrent /api/ask clients (`--clients`).</summary>
    public int Clients { get; init; } = 20;

    /// <summary>Browser pages (Blazor circuits) opened to measure memory per circuit (`--circuits`).</summary>
    public int Circuits { get; init; } = 20;

    public static BenchArguments Parse(string[] args)
    {
        string? corpus = null, output = null, evidence = null;
        var synthetic = 200_000;
        bool portal = false, formats = false, articles = false;
        int duration = 60, clients = 20, circuits = 20;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--corpus": corpus = Next(); break;
                case "--out": output = Next(); break;
                case "--synthetic": synthetic = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--evidence": evidence = Next(); break;
                case "--portal": portal = true; break;
                case "--formats": formats = true; break;
                case "--articles": articles = true; break;
                case "--duration": duration = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--circuits": circuits = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown argument {args[i]}; use --corpus DIR --out FILE --synthetic N --evidence FILE, or --portal [--duration S] [--clients N] [--circuits N] [--out FILE], or --formats [--out FILE], or --articles [--corpus DIR] [--out FILE]");
            }
        }
        corpus ??= Path.Combine(RepositoryRoot(), "..", "shared", "corpus", "contoso");
        if (!Directory.Exists(corpus))
        {
            throw new DirectoryNotFoundException($"corpus not found: {corpus} (use --corpus DIR)");
        }
        return new BenchArguments(Path.GetFullPath(corpus), output, synthetic, evidence,
            "dotnet run -c Release --project bench -- " + string.Join(' ', args))
        {
            Portal = portal,
            Formats = formats,
            Articles = articles,
            DurationSeconds = duration,
            Clients = clients,
            Circuits = circuits,
        };
    }

    public static string RepositoryRoot()
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
