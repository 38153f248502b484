using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Shared.Answering;

/// <summary>A numbered source the answer cites, with the quoted words that support it.</summary>
/// <param name="Number">The n of "[n]" in the answer text: the passage's position in the retrieved sources, 1-based.</param>
public sealed record Citation(int Number, Passage Passage, string Quote);
