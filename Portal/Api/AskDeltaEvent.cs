namespace KnowledgePortal.Portal.Api;

/// <summary>Data of a <c>delta</c> event: the next piece of the answer text, to append to what was shown.</summary>
public sealed record AskDeltaEvent(string Text);
