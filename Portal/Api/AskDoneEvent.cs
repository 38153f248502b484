namespace KnowledgePortal.Portal.Api;

/// <summary>Data of the <c>done</c> event, the last of an answer stream.</summary>
/// <param name="Text">
/// The final answer. Show it in place of the text the deltas built: it differs when the chat model failed
/// part-way (the answer then quotes the documents) or an unfinished citation was dropped at the end.
/// </param>
/// <param name="NotFound">The knowledge base holds no good evidence for the question.</param>
/// <param name="Notice">Something the reader should know about how the answer was made, or null.</param>
/// <param name="Stopped">Generation stopped before the end (the client went away).</param>
/// <param name="ConversationId">The conversation the answer was saved to; pass it with the next question to follow up.</param>
public sealed record AskDoneEvent(string Text, bool NotFound, string? Notice, bool Stopped, Guid? ConversationId);
