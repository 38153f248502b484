namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>A citation as the answer view shows it, whether the answer was just streamed or loaded from history.</summary>
public sealed record DisplayedCitation(int Number, Guid DocumentId, string DocumentName, string? DocumentTitle, long ChunkId, int PageStart, int PageEnd, string Quote)
{
    /// <summary>The page the quote is on (see <see cref="Features.Sources.QuotePageLocator"/>); the first page until it is known.</summary>
    public int Page { get; init; } = PageStart;

    /// <summary>The source viewer at the cited page, with the passage highlighted.</summary>
    public string ViewerHref => Features.Sources.SourceLinks.Viewer(DocumentId, Page, ChunkId);

    public string Pages => PageStart == PageEnd ? $"p. {PageStart}" : $"pp. {PageStart}–{PageEnd}";

    public string DisplayTitle => string.IsNullOrWhiteSpace(DocumentTitle) ? DocumentName : DocumentTitle;
}
