namespace KnowledgePortal.Shared.Storage;

/// <summary>The configured embedding model is not the one that built the index; the message says to run `kp reindex`.</summary>
public sealed class EmbeddingModelMismatchException(string message) : Exception(message);
