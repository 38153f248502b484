namespace KnowledgePortal.Portal.Api;

/// <summary>Data of an <c>error</c> event: answering failed after the stream had started, so no status code could say so.</summary>
public sealed record AskErrorEvent(string Message);
