namespace KnowledgePortal.Portal.Api;

/// <summary>Data of the <c>sources</c> event, the first of an answer stream.</summary>
/// <param name="SearchQuery">What was searched: the question, or a follow-up rewritten to stand alone.</param>
public sealed record AskSourcesEvent(string SearchQuery, IReadOnlyList<ApiSource> Sources);
