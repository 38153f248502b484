using System.CommandLine;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`--mode`, shared by `kp search` and `kp eval`, so a figure from one is reproduced by the other.</summary>
internal static class RetrievalModeOption
{
    public static readonly Option<RetrievalMode> Mode = new("--mode") { Description = "hybrid (default), vector or keyword", DefaultValueFactory = _ => RetrievalMode.Hybrid };
}
