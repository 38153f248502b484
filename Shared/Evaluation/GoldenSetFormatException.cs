namespace KnowledgePortal.Shared.Evaluation;

/// <summary>A golden set that cannot be read; the message names the file and line.</summary>
public sealed class GoldenSetFormatException(string message) : Exception(message);
