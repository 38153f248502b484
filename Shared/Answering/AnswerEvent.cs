namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// One step of a streamed answer. A stream always reads: one <see cref="AnswerSourcesEvent"/>, any
/// number of <see cref="AnswerDeltaEvent"/>s, then exactly one <see cref="AnswerCompletedEvent"/>.
/// </summary>
public abstract record AnswerEvent;
