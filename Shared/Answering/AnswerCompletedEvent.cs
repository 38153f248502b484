namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// The last event of every stream: the final answer. Show <see cref="Answer"/>.Text in place of the
/// text the deltas built. It is usually the same text, but not always:
/// <list type="bullet">
/// <item>When the chat model failed after sending some deltas, the final answer is the extractive
/// one (quotes from the documents) with a notice, not the half-written model text.</item>
/// <item>An unfinished citation at the very end is dropped, and leading or trailing whitespace trimmed.</item>
/// </list>
/// </summary>
/// <param name="Answer">Text with valid citations only, the citations, the sources, and any notice.</param>
/// <param name="Stopped">
/// The caller cancelled (the reader pressed Stop). The stream does not throw on cancellation: it
/// ends with this event, holding what was written so far (its citations checked) and a notice that
/// it may be incomplete. Nothing more is requested from the model.
/// </param>
public sealed record AnswerCompletedEvent(Answer Answer, bool Stopped) : AnswerEvent;
