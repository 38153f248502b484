using KnowledgePortal.Portal.Components.Pages.Ask;
using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Portal.Features.Search;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Portal.Components.Pages.Search;

/// <summary>
/// Hybrid search over the documents the reader may read, grouped by document, with facets, paging,
/// "Ask about this" and links to the exact page. The whole search lives in the address. It runs once
/// the circuit is up (not while prerendering), so a page load costs one search and one rate-limit token.
/// </summary>
public sealed partial class SearchPage
{
    /// <summary>Passages shown per document before "Show all".</summary>
    private const int PassagesShown = 3;

    private SearchQuery query = new();
    private string? searched;
    private string? draft;
    private SearchResults? results;
    private IReadOnlyDictionary<Guid, SourceBadge> badges = new Dictionary<Guid, SourceBadge>();
    private TimeSpan? retryAfter;
    private bool failed;
    private string? tooLong;
    private bool emptyKnowledgeBase;
    private readonly HashSet<Guid> expandedDocuments = [];
    private CancellationTokenSource? running;

    [SupplyParameterFromQuery(Name = "q")]
    public string? Text { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string[]? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "doc")]
    public string[]? Doc { get; set; }

    [SupplyParameterFromQuery(Name = "date")]
    public string? Date { get; set; }

    /// <summary>A string, parsed by <see cref="SearchQuery.Parse"/>: "p=abc" is ignored, not an error.</summary>
    [SupplyParameterFromQuery(Name = "p")]
    public string? PageNumber { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private DocumentSearch Search { get; set; } = null!;
    [Inject] private SourceBadges Badges { get; set; } = null!;
    [Inject] private CallerResolver Callers { get; set; } = null!;
    [Inject] private UserRateLimiter RateLimiter { get; set; } = null!;
    [Inject] private IDbContextFactory<KnowledgeDbContext> ContextFactory { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<SearchPage> Logger { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await using var context = await ContextFactory.CreateDbContextAsync();
        emptyKnowledgeBase = !await context.Documents.AnyAsync(d => d.IndexedHash != null);
    }

    protected override async Task OnParametersSetAsync()
    {
        query = SearchQuery.Parse(Text, Kind, Doc, Date, PageNumber);
        draft = query.Text;
        var address = query.ToUrl();
        if (!RendererInfo.IsInteractive || emptyKnowledgeBase || address == searched)
        {
            return;
        }
        searched = address;
        await RunAsync();
    }

    private async Task RunAsync()
    {
        running?.Cancel();
        (results, retryAfter, failed, tooLong) = (null, null, false, null);
        expandedDocuments.Clear();
        if (query.Text.Length == 0)
        {
            return;
        }
        // An address can carry any length; the box stops at 500.
        if (QueryLength.Problem("query", query.Text) is { } problem)
        {
            tooLong = problem;
            return;
        }
        var caller = await CallerAsync();
        if (RateLimiter.TryAcquire(UsageKind.Search, caller.UserId ?? "anonymous") is { } wait)
        {
            retryAfter = wait;
            return;
        }
        using var cancellation = new CancellationTokenSource();
        running = cancellation;
        try
        {
            var found = await Search.SearchAsync(query, caller.Filter, cancellation.Token);
            if (!cancellation.IsCancellationRequested)
            {
                badges = await Badges.ForAsync(found.Documents.Select(d => d.DocumentId), CancellationToken.None);
                results = found;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // a newer search replaced this one, or the reader left
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Search failed");
            failed = true;
        }
        finally
        {
            if (running == cancellation)
            {
                running = null;
            }
        }
    }

    private void Submit()
    {
        var text = draft?.Trim() ?? string.Empty;
        var next = (query with { Text = text, Page = 1 }).ToUrl();
        if (next == query.ToUrl())
        {
            searched = null; // the same search again: run it again (new documents may have arrived)
        }
        Navigation.NavigateTo(next);
    }

    private void GoToPage(int page) => Navigation.NavigateTo(query.AtPage(page).ToUrl());

    private void ToggleExpanded(Guid documentId)
    {
        if (!expandedDocuments.Remove(documentId))
        {
            expandedDocuments.Add(documentId);
        }
    }

    private async Task<Caller> CallerAsync()
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        return await Callers.ResolveAsync(state?.User ?? new System.Security.Claims.ClaimsPrincipal(), CancellationToken.None);
    }

    private static string ViewerHref(Passage passage) => SourceLinks.Viewer(passage.DocumentId, passage.PageStart, passage.ChunkId);

    /// <summary>The Ask page with this search filled in as the question; the person presses Ask.</summary>
    private string AskHref() => AskLinks.Prefilled(query.Text);

    /// <summary>"Ask about this": the search asked at once as a question, answered from this document only.</summary>
    private void AskAbout(Guid documentId) => AskLinks.AskNow(Navigation, query.Text, documentId);

    /// <summary>"Benefits › Dental · p. 3": where in the document the passage is.</summary>
    private static string PassagePlace(Passage passage)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(passage.HeadingPath))
        {
            parts.Add(passage.HeadingPath.Replace(" > ", " › ", StringComparison.Ordinal));
        }
        if (DocumentKinds.HasPages(passage.Kind))
        {
            parts.Add(DocumentKinds.Place(passage.Kind, passage.PageStart, passage.PageEnd));
        }
        return string.Join(" · ", parts);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public void Dispose() => running?.Cancel();
}
