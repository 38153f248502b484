using KnowledgePortal.Portal.Components.Shared;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace KnowledgePortal.Portal.Components.Pages.Articles;

/// <summary>
/// Writing an article: the working copy saves itself shortly after each change (so a dropped
/// connection loses at most the last moment of typing, and the browser keeps that moment until the
/// server has it), a save on an outdated copy is refused and keeps the writer's text, and the
/// lifecycle actions the person may take are offered.
/// </summary>
public partial class ArticleEditorPage : IAsyncDisposable
{
    /// <summary>How long typing pauses before the working copy is saved.</summary>
    private const int AutosaveMilliseconds = 600;

    private readonly SemaphoreSlim saveGate = new(1, 1);
    private readonly CancellationTokenSource closing = new();

    private ArticleDetails? details;
    private ArticleActor actor = null!;
    private bool missing;
    private bool busy;
    private string? problem;
    private SaveOutcome? conflict;
    private DateTimeOffset? savedAt;
    private bool dirty;
    private int revision;
    private int tab;

    private string title = string.Empty;
    private string? summary;
    private string tags = string.Empty;
    private string body = string.Empty;
    private string previewHtml = string.Empty;
    private UnsavedDraft? unsavedInBrowser;
    private bool watchingBrowserCopy;

    /// <summary>The browser-side copy is per person and article, so someone else's text on a shared computer is never offered.</summary>
    private string BrowserCopyKey => $"{actor.UserId}:{ArticleId:D}";

    [Parameter]
    public Guid ArticleId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject] private ArticleCatalog Catalog { get; set; } = null!;

    [Inject] private ArticleWorkflow Workflow { get; set; } = null!;

    [Inject] private CallerResolver Callers { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private ArticleImages Images { get; set; } = null!;

    [Inject] private IJSRuntime Js { get; set; } = null!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private string SaveStatus => conflict is not null ? "Not saved: the article changed meanwhile"
        : dirty ? "Saving…"
        : savedAt is { } at ? $"All changes saved ({ReaderDates.Format(at)})"
        : "No changes yet";

    protected override async Task OnParametersSetAsync()
    {
        actor = (await Callers.ResolveAsync((await AuthenticationState).User, closing.Token)).AsArticleActor();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        details = await Catalog.GetAsync(actor, ArticleId, closing.Token);
        missing = details is null;
        if (details is null)
        {
            return;
        }
        var article = details.Article;
        (title, summary, tags, body, revision) = (article.Title, article.Summary, article.Tags, article.Body, article.Revision);
        previewHtml = SafeMarkdownRenderer.Render(body).Html;
        conflict = null;
        dirty = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (watchingBrowserCopy || details is null)
        {
            return;
        }
        watchingBrowserCopy = true;
        try
        {
            var kept = await Js.InvokeAsync<UnsavedDraft?>("knowledgePortal.drafts.read", closing.Token, BrowserCopyKey);
            if (kept is not null && kept.DiffersFrom(title, summary, tags, body))
            {
                unsavedInBrowser = kept;
                StateHasChanged();
            }
            else if (kept is not null)
            {
                await Js.InvokeVoidAsync("knowledgePortal.drafts.discard", closing.Token, BrowserCopyKey);
            }
            await Js.InvokeVoidAsync("knowledgePortal.drafts.watch", closing.Token, BrowserCopyKey, revision, BrowserFields);
        }
        catch (JSException)
        {
            // A browser without storage still has autosave.
        }
    }

    private static readonly Dictionary<string, string> BrowserFields = new()
    {
        ["title"] = "article-title",
        ["summary"] = "article-summary",
        ["tags"] = "article-tags",
        ["body"] = "article-body",
    };

    /// <summary>Puts the text the browser kept back in the fields and saves it on the revision it was typed on, so a change made since shows as a conflict.</summary>
    private async Task RestoreUnsavedAsync()
    {
        var kept = unsavedInBrowser!;
        unsavedInBrowser = null;
        (title, summary, tags, body) = (kept.Title ?? title, kept.Summary, kept.Tags ?? tags, kept.Body ?? body);
        previewHtml = SafeMarkdownRenderer.Render(body).Html;
        revision = kept.Revision;
        dirty = true;
        await SaveAsync();
    }

    private async Task DiscardUnsavedAsync()
    {
        unsavedInBrowser = null;
        await Js.InvokeVoidAsync("knowledgePortal.drafts.discard", closing.Token, BrowserCopyKey);
    }

    /// <summary>Reloads what the lists and buttons show, keeping the text being written.</summary>
    private async Task RefreshDetailsAsync()
    {
        details = await Catalog.GetAsync(actor, ArticleId, closing.Token);
        missing = details is null;
        if (details is not null)
        {
            revision = details.Article.Revision;
        }
    }

    private Task OnTitleChangedAsync(string value) => ChangedAsync(() => title = value ?? string.Empty);

    private Task OnSummaryChangedAsync(string value) => ChangedAsync(() => summary = value);

    private Task OnTagsChangedAsync(string value) => ChangedAsync(() => tags = value ?? string.Empty);

    private Task OnBodyChangedAsync(string value) => ChangedAsync(() =>
    {
        body = value ?? string.Empty;
        previewHtml = SafeMarkdownRenderer.Render(body).Html;
    });

    private async Task ChangedAsync(Action apply)
    {
        apply();
        dirty = true;
        await SaveAsync();
    }

    /// <summary>Saves the working copy when it changed; true when nothing is left unsaved.</summary>
    private async Task<bool> SaveAsync()
    {
        await saveGate.WaitAsync(closing.Token);
        try
        {
            if (!dirty || conflict is not null)
            {
                return conflict is null;
            }
            var outcome = await Workflow.SaveDraftAsync(actor, ArticleId, revision, new ArticleDraft(title, body, summary, tags), closing.Token);
            if (outcome.Conflict)
            {
                conflict = outcome;
                return false;
            }
            revision = outcome.Revision;
            dirty = false;
            savedAt = Now;
            problem = null;
            await TellBrowserSavedAsync();
            if (details!.Article.State != ArticleState.Draft || details.Article.Title != title)
            {
                await RefreshDetailsAsync();
            }
            return true;
        }
        catch (ArticleRuleException e)
        {
            problem = e.Message;
            return false;
        }
        finally
        {
            saveGate.Release();
        }
    }

    /// <summary>Stores an uploaded image with the article and appends the Markdown that shows it to the body.</summary>
    private async Task AddImageAsync(Microsoft.AspNetCore.Components.Forms.IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        busy = true;
        try
        {
            if (file.Size > ArticleImages.MaxBytes)
            {
                problem = $"The image is {KnowledgePortal.Shared.Documents.FileSizes.Describe(file.Size)}, over the {KnowledgePortal.Shared.Documents.FileSizes.Describe(ArticleImages.MaxBytes)} limit.";
                return;
            }
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(ArticleImages.MaxBytes, closing.Token))
            {
                await stream.CopyToAsync(buffer, closing.Token);
            }
            var markdown = await Images.AddAsync(actor, ArticleId, file.Name, buffer.ToArray(), closing.Token);
            await OnBodyChangedAsync(body.TrimEnd() + "\n\n" + markdown + "\n");
            problem = null;
        }
        catch (ArticleRuleException e)
        {
            problem = e.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task KeepMineAsync()
    {
        revision = conflict!.Revision;
        conflict = null;
        dirty = true;
        await SaveAsync();
    }

    private async Task LoadTheirsAsync()
    {
        await LoadAsync();
        if (watchingBrowserCopy)
        {
            await Js.InvokeVoidAsync("knowledgePortal.drafts.discard", closing.Token, BrowserCopyKey);
        }
    }

    private async Task SubmitForReviewAsync() =>
        await ActAsync(() => Workflow.SubmitForReviewAsync(actor, ArticleId, closing.Token), "Sent for review.");

    private async Task PublishAsync() =>
        await ActAsync(async () =>
        {
            var version = await Workflow.PublishAsync(actor, ArticleId, closing.Token);
            Snackbar.Add($"Version {version.Number} is published; answers use it within moments.", Severity.Success);
        }, null);

    private async Task SendBackAsync()
    {
        var dialog = await Dialogs.ShowAsync<SendBackDialog>("Send back", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string comment })
        {
            await ActAsync(() => Workflow.SendBackAsync(actor, ArticleId, comment, closing.Token), "Sent back to the author.");
        }
    }

    private async Task VerifyAsync() =>
        await ActAsync(() => Workflow.VerifyAsync(actor, ArticleId, closing.Token), "Marked verified.");

    private async Task RetireAsync()
    {
        var confirmed = await Dialogs.ConfirmAsync(
            "Retire article?",
            $"“{details!.Article.Title}” leaves search and answers at once. Its versions stay in its history, and you can publish it again later.",
            "Retire");
        if (confirmed)
        {
            await ActAsync(() => Workflow.RetireAsync(actor, ArticleId, closing.Token), "Retired: it no longer answers questions.");
        }
    }

    private async Task RestoreAsync(int version)
    {
        var confirmed = await Dialogs.ConfirmAsync(
            $"Restore version {version}?",
            "Its text replaces the working copy as a draft. The published version keeps serving until this draft is published.",
            "Restore", destructive: false);
        if (confirmed)
        {
            await ActAsync(() => Workflow.RestoreAsync(actor, ArticleId, version, closing.Token), $"Version {version} is now the draft.");
            await LoadAsync();
            tab = 0;
        }
    }

    private async Task<string?> SaveSettingsAsync(ArticleSettings settings)
    {
        try
        {
            await Workflow.UpdateSettingsAsync(actor, ArticleId, settings, closing.Token);
            await RefreshDetailsAsync();
            Snackbar.Add("Settings saved.", Severity.Success);
            return null;
        }
        catch (ArticleRuleException e)
        {
            return e.Message;
        }
    }

    /// <summary>Saves pending text first, so an action never applies to an older copy than the one on screen.</summary>
    private async Task ActAsync(Func<Task> action, string? done)
    {
        busy = true;
        try
        {
            if (!await SaveAsync())
            {
                return;
            }
            await action();
            await RefreshDetailsAsync();
            problem = null;
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }
        }
        catch (ArticleRuleException e)
        {
            problem = e.Message;
        }
        catch (ArticleNotFoundException)
        {
            missing = true;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task TellBrowserSavedAsync()
    {
        if (!watchingBrowserCopy)
        {
            return;
        }
        try
        {
            await Js.InvokeVoidAsync("knowledgePortal.drafts.saved", closing.Token, BrowserCopyKey, revision,
                new Dictionary<string, string?> { ["title"] = title, ["summary"] = summary, ["tags"] = tags, ["body"] = body });
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The browser keeps its copy; it is offered again only if it differs from what the server holds.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (watchingBrowserCopy)
        {
            try
            {
                await Js.InvokeVoidAsync("knowledgePortal.drafts.unwatch", BrowserCopyKey);
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
            {
                // The page is gone already.
            }
        }
        closing.Cancel();
        closing.Dispose();
        saveGate.Dispose();
        GC.SuppressFinalize(this);
    }
}
