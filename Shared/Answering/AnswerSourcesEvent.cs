using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Shared.Answering;

/// <summary>The passages the answer may cite, sent before any text so a page can list them early.</summary>
/// <param name="Sources">Retrieved passages; "[n]" in the answer refers to <c>Sources[n - 1]</c>.</param>
/// <param name="SearchQuery">What was searched: the question, or a follow-up rewritten to stand alone.</param>
public sealed record AnswerSourcesEvent(IReadOnlyList<Passage> Sources, string SearchQuery) : AnswerEvent;
