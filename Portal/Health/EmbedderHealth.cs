namespace KnowledgePortal.Portal.Health;

/// <param name="Loaded">The local model is in memory (or a remote model has answered); it loads on first use otherwise.</param>
public sealed record EmbedderHealth(string Model, bool Loaded);
