using System.CommandLine;

namespace KnowledgePortal.Ingestion.Cli;

/// <summary>Options shared by every command.</summary>
internal static class KpOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data directory (default: KnowledgePortal__DataDir, else ./data)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log what happens to stderr",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write JSON to stdout",
    };
}
