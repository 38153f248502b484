using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Shared.Answering;

/// <summary>A question to answer, within what the caller may read.</summary>
/// <param name="Question">What the person typed; a follow-up may lean on <see cref="History"/> ("what about dental?").</param>
/// <param name="Filter">Who asks and within what; applied inside retrieval.</param>
public sealed record AnswerRequest(string Question, SearchFilter Filter)
{
    /// <summary>Earlier turns of the conversation, oldest first; empty for a first question.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];
}
