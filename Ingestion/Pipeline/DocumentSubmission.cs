namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>A file handed to the knowledge base.</summary>
/// <param name="Name">The file name people know it by.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Audience">Groups that may read it ("everyone" or group names); null keeps an existing document's audience, everyone for a new one.</param>
/// <param name="SourcePath">Absolute path it was read from; a later submission from the same path updates the same document.</param>
public sealed record DocumentSubmission(string Name, ReadOnlyMemory<byte> Content, IReadOnlyList<string>? Audience = null, string? SourcePath = null);
