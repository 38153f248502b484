namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// The next piece of the answer text, to append to what was shown. Deltas never contain a citation
/// marker that points outside the sources, nor half of one.
/// </summary>
public sealed record AnswerDeltaEvent(string Text) : AnswerEvent;
