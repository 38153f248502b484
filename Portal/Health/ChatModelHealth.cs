namespace KnowledgePortal.Portal.Health;

/// <param name="Provider">None (extractive answers), OpenAI or Ollama.</param>
/// <param name="Reachable">The last probe's outcome; null with Provider None, or before the first probe.</param>
/// <param name="CheckedAt">When the model server was last probed (at most once a minute).</param>
/// <param name="Problem">Why the last probe failed, without any secret.</param>
public sealed record ChatModelHealth(string Provider, string? Model, bool? Reachable, DateTimeOffset? CheckedAt, string? Problem);
