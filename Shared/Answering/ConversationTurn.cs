namespace KnowledgePortal.Shared.Answering;

/// <summary>An earlier exchange of the conversation, oldest first in <see cref="AnswerRequest.History"/>.</summary>
/// <param name="Question">What the person asked, as typed.</param>
/// <param name="Answer">The answer text they were shown.</param>
public sealed record ConversationTurn(string Question, string Answer);
