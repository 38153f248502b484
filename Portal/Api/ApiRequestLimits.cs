using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Portal.Api;

/// <summary>Bound from <c>KnowledgePortal:Api</c>: how much a client may send the HTTP API.</summary>
public sealed class ApiRequestLimits
{
    public const string Section = "KnowledgePortal:Api";

    /// <summary>
    /// The largest request body, in KB. An ask is a question of at most 2,000 characters and a few earlier
    /// turns; anything much bigger is a mistake or an attack, refused before it is read.
    /// </summary>
    [Range(1, 10_240)]
    public int MaxRequestBodyKb { get; set; } = 64;

    public long MaxRequestBodyBytes => MaxRequestBodyKb * 1024L;
}
