namespace KnowledgePortal.Portal.Health;

/// <summary>Bound from <c>KnowledgePortal:Health</c>: who may read the details of <c>GET /health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "KnowledgePortal:Health";

    /// <summary>The shortest token accepted: a monitoring secret should not be guessable.</summary>
    public const int MinTokenLength = 16;

    /// <summary>
    /// A secret a monitoring system sends in the <see cref="HealthAccess.TokenHeader"/> header to read the
    /// details (counts, models, queue) without signing in; unset, only administrators see them.
    /// </summary>
    public string? Token { get; set; }
}
