namespace KnowledgePortal.Portal.Health;

/// <summary>
/// What <c>GET /health</c> tells anyone: <see cref="PortalHealth.Healthy"/>, <see cref="PortalHealth.Degraded"/> or
/// <see cref="PortalHealth.Unhealthy"/>, and nothing that depends on what is in the knowledge base.
/// </summary>
public sealed record HealthStatus(string Status);
