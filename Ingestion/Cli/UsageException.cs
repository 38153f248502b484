namespace KnowledgePortal.Ingestion.Cli;

/// <summary>The command line was wrong; `kp` prints the message and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);
