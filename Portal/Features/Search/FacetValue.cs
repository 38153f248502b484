namespace KnowledgePortal.Portal.Features.Search;

/// <summary>One choice of a facet, with how many results it has and whether it is applied.</summary>
public sealed record FacetValue<T>(T Value, string Label, int Count, bool Selected);
