namespace KnowledgePortal.Portal.Api;

/// <summary>Data of the <c>citations</c> event, sent once the answer is complete.</summary>
public sealed record AskCitationsEvent(IReadOnlyList<ApiCitation> Citations);
