namespace KnowledgePortal.Portal.Api;

/// <summary>The body of a <c>GET /api/search</c> response.</summary>
public sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Hits);
