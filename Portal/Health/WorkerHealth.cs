namespace KnowledgePortal.Portal.Health;

/// <param name="InProcess">The portal runs an ingestion worker itself (otherwise `kp worker` processes do).</param>
/// <param name="Queued">Ingestion jobs waiting.</param>
/// <param name="Running">Ingestion jobs being processed.</param>
/// <param name="FailedLastDay">Ingestion jobs that failed in the last 24 hours.</param>
public sealed record WorkerHealth(bool InProcess, int Queued, int Running, int FailedLastDay);
