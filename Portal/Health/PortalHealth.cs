namespace KnowledgePortal.Portal.Health;

/// <summary>The body of <c>GET /health</c>. It holds no secret: no keys, no connection strings, no paths.</summary>
/// <param name="Status"><see cref="Healthy"/>, <see cref="Degraded"/> (answers work, something needs attention) or <see cref="Unhealthy"/> (served with 503).</param>
/// <param name="Messages">What needs attention, written for the person operating the portal.</param>
/// <param name="Index">Null when the database cannot be read.</param>
/// <param name="Worker">Null when the database cannot be read.</param>
public sealed record PortalHealth(
    string Status,
    IReadOnlyList<string> Messages,
    DatabaseHealth Database,
    IndexHealth? Index,
    EmbedderHealth Embedder,
    ChatModelHealth ChatModel,
    WorkerHealth? Worker)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
}
