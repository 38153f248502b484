namespace KnowledgePortal.Portal.Health;

/// <param name="Provider">The database engine, e.g. "SQLite".</param>
/// <param name="LatencyMs">How long the health queries took, when the database answered.</param>
public sealed record DatabaseHealth(bool Reachable, string Provider, double? LatencyMs);
