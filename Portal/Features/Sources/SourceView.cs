using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Rendering;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>Everything the source viewer shows for one document page, already checked against the reader.</summary>
public sealed record SourceView
{
    public static SourceView NotFound { get; } = new() { State = SourceViewState.NotFound };

    public required SourceViewState State { get; init; }

    public Guid DocumentId { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? Title { get; init; }

    public DocumentKind? Kind { get; init; }

    public DocumentStatus Status { get; init; }

    /// <summary>Why the latest version failed, for a reader who may read the document.</summary>
    public string? Error { get; init; }

    public DateTimeOffset? IndexedAt { get; init; }

    /// <summary>Who may read it, limited to what the reader already belongs to ("everyone", or their own groups).</summary>
    public string Audience { get; init; } = Principals.Everyone;

    public int PageNumber { get; init; } = 1;

    public int PageCount { get; init; }

    /// <summary>The page's text (for Markdown, the source).</summary>
    public string PageText { get; init; } = string.Empty;

    /// <summary>The cited range on this page, in <see cref="PageText"/>.</summary>
    public TextRange? Highlight { get; init; }

    /// <summary>The rendered page, for kinds whose page text is Markdown (<see cref="DocumentKinds.PageTextIsMarkdown"/>).</summary>
    public RenderedMarkdown? Markdown { get; init; }

    public CitationState Citation { get; init; }

    /// <summary>First page of the cited passage, when it is in this document.</summary>
    public int? CitedPage { get; init; }

    public string DisplayTitle => string.IsNullOrWhiteSpace(Title) ? Name : Title;

    /// <summary>The page as printed, for a PDF when it was asked for and can be rendered; null for the text view.</summary>
    public string? PageImageHref { get; init; }

    /// <summary>Where the cited passage is on <see cref="PageImageHref"/>'s page.</summary>
    public IReadOnlyList<KnowledgePortal.Ingestion.Parsing.PageBox> PageBoxes { get; init; } = [];

    /// <summary>Whether the page can also be shown as printed (a PDF, on a server with the page renderer).</summary>
    public bool CanShowPageImage { get; init; }

    /// <summary>Markdown files and web pages are one page shown whole, with no page navigation.</summary>
    public bool IsWholeDocument => Kind is DocumentKind.Markdown or DocumentKind.Html;
}
