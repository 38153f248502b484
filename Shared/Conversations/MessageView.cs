namespace KnowledgePortal.Shared.Conversations;

/// <summary>
/// An earlier question and answer. When the answer cited a document its owner may no longer read,
/// the answer is withheld (<see cref="Withheld"/>) instead of shown without its sources: the text
/// itself came from that document.
/// </summary>
public sealed record MessageView(
    long Id,
    string Question,
    string Answer,
    bool NotFound,
    bool Stopped,
    string? Notice,
    bool Withheld,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CitationView> Citations);
