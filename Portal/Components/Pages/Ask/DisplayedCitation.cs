using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>A citation as the answer view shows it, whether the answer was just streamed or loaded from history.</summary>
public sealed record DisplayedCitation(
    int Number, Guid DocumentId, string DocumentName, string? DocumentTitle, long ChunkId, int PageStart, int PageEnd, string Quote, DocumentKind? Kind = null)
{
    /// <summary>The page the quote is on (see <see cref="Features.Sources.QuotePageLocator"/>); the first page until it is known.</summary>
    public int Page { get; init; } = PageStart;

    /// <summary>The source viewer at the cited page, with the passage highlighted.</summary>
    public string ViewerHref => Features.Sources.SourceLinks.Viewer(DocumentId, Page, ChunkId);

    /// <summary>"p. 3", "pp. 3–4", or "slide 3" in a slide deck.</summary>
    public string Pages => DocumentKinds.Place(Kind, PageStart, PageEnd);

    /// <summary>Set when the source is a published knowledge article or a document marked outdated.</summary>
    public KnowledgePortal.Shared.Curation.SourceBadge? Badge { get; init; }

    public string DisplayTitle => string.IsNullOrWhiteSpace(DocumentTitle) ? DocumentName : DocumentTitle;
}
