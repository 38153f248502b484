using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Shared.Answering;

/// <summary>An answer with inline "[n]" markers that refer to <see cref="Citations"/>.</summary>
/// <param name="Text">The answer text, or a "not found" sentence.</param>
/// <param name="NotFound">The knowledge base holds no good evidence for the question.</param>
/// <param name="Citations">Only citations that appear in the text and match a retrieved source.</param>
/// <param name="Sources">Every passage retrieved for the question, numbered from 1 in this order.</param>
/// <param name="Notice">Something the reader should know about how the answer was made (e.g. the chat model was unreachable).</param>
public sealed record Answer(
    string Text,
    bool NotFound,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<Passage> Sources,
    string? Notice = null)
{
    public const string NotFoundText = "I could not find this in the knowledge base.";
}
