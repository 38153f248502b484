using KnowledgePortal.Shared.Answering;

namespace KnowledgePortal.Portal.Api;

/// <summary>The body of <c>POST /api/ask</c>.</summary>
/// <param name="Question">What to ask; 1 to <see cref="Shared.Retrieval.QueryLength.Max"/> characters.</param>
/// <param name="ConversationId">
/// Continue one of the caller's conversations (its earlier answers make a follow-up understood, and the
/// answer is added to it); null starts a new one, whose id the <c>done</c> event returns.
/// </param>
/// <param name="History">
/// Earlier turns to use instead of the stored conversation, oldest first, for clients that keep their own
/// history; only the last few are used.
/// </param>
public sealed record AskRequest(string? Question, Guid? ConversationId = null, IReadOnlyList<ConversationTurn>? History = null);
