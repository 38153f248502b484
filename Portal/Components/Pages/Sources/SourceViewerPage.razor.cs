using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Portal.Features;
using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace KnowledgePortal.Portal.Components.Pages.Sources;

/// <summary>
/// The source viewer: a document page by page (PDF, text) or whole (Markdown), with the cited
/// passage highlighted and scrolled into view. Readers who may not read the document get the very
/// page a missing document gets, with a 404 status when prerendered.
/// </summary>
public sealed partial class SourceViewerPage
{
    private SourceView? view;
    private SourceBadge? badge;
    private ArticleActor? editor;
    private string? scrolledTo;

    [Parameter]
    public Guid DocumentId { get; set; }

    /// <summary>The page to show; a string so that a malformed value is ignored (<see cref="QueryValues"/>).</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public string? PageValue { get; set; }

    /// <summary>The cited passage to highlight; a string so that a malformed value is ignored.</summary>
    [SupplyParameterFromQuery(Name = "chunk")]
    public string? ChunkValue { get; set; }

    /// <summary>"page" shows a PDF page as printed; anything else, its text.</summary>
    [SupplyParameterFromQuery(Name = "view")]
    public string? ViewValue { get; set; }

    private bool AsPrinted => ViewValue == "page";

    private int? Page => QueryValues.PositiveInt(PageValue);

    private long? Chunk => QueryValues.Id(ChunkValue);

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Present while prerendering, when the response status can still be set.</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Inject] private SourceViewLoader Loader { get; set; } = null!;
    [Inject] private SourceBadges Badges { get; set; } = null!;
    [Inject] private CallerResolver Callers { get; set; } = null!;
    [Inject] private IJSRuntime Js { get; set; } = null!;
    [Inject] private ILogger<SourceViewerPage> Logger { get; set; } = null!;

    private string OriginalHref => SourceLinks.Original(DocumentId, view?.Kind == DocumentKind.Pdf ? view.PageNumber : null);

    private string AudienceLabel => view?.Audience == Principals.Everyone ? "Everyone" : view?.Audience ?? string.Empty;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        var caller = await Callers.ResolveAsync(state?.User ?? new System.Security.Claims.ClaimsPrincipal(), CancellationToken.None);
        view = await Loader.LoadAsync(DocumentId, Page, Chunk, caller.Filter, CancellationToken.None, AsPrinted);
        editor = caller.IsEditor && caller.IsAuthenticated ? caller.AsArticleActor() : null;
        // Only a document the reader may read has a view; its badge says nothing the view does not.
        badge = view.State == SourceViewState.NotFound ? null : (await Badges.ForAsync([DocumentId], CancellationToken.None)).GetValueOrDefault(DocumentId);
        if (view.State == SourceViewState.NotFound && HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Scroll once per cited page shown, not on every re-render.
        var key = view is { Highlight: not null } or { Markdown.HighlightedBlocks: > 0 } ? $"{view.DocumentId}/{view.PageNumber}/{Chunk}" : null;
        if (!RendererInfo.IsInteractive || key is null || key == scrolledTo)
        {
            return;
        }
        scrolledTo = key;
        try
        {
            await Js.InvokeAsync<bool>("knowledgePortal.scrollToHighlight", "#" + SafeMarkdownRenderer.CitedId);
        }
        catch (JSDisconnectedException)
        {
            // the reader left; nothing to scroll
        }
        catch (JSException e)
        {
            Logger.LogDebug(e, "Could not scroll to the highlight");
        }
    }

    private string PageHref(int page) => ViewHref(page, AsPrinted);

    private string ViewHref(int page, bool asPrinted) => SourceLinks.Viewer(DocumentId, page, Chunk) + (asPrinted ? "&view=page" : string.Empty);

    private static string BoxStyle(KnowledgePortal.Ingestion.Parsing.PageBox box) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"left:{box.Left * 100:0.###}%;top:{box.Top * 100:0.###}%;width:{box.Width * 100:0.###}%;height:{box.Height * 100:0.###}%");

}
