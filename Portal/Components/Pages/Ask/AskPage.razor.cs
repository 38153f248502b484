using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Portal.Features;
using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using MudBlazor;

namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>
/// The conversation page: asks stream in over the circuit, the Stop button cancels generation, and
/// each finished answer is saved to the person's history with the sources it cited.
/// </summary>
public sealed partial class AskPage
{
    /// <summary>Earlier turns given to the answerer as context for a follow-up.</summary>
    private const int HistoryTurns = 6;

    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(60);

    private const int ExampleCount = 3;

    private readonly List<Turn> turns = [];
    private IReadOnlyList<string> examples = [];
    private Guid? conversationId;
    private string? title;
    private string? draft;
    private string? lastPrefilled;
    private bool busy;
    private bool loading;
    private bool empty;
    private bool historyOpen;
    private bool missingConversation;
    private CancellationTokenSource? generation;
    private Guid? documentScope;

    [Parameter]
    public Guid? ConversationId { get; set; }

    /// <summary>A question to fill in (<see cref="AskLinks"/>); asked at once only when the person's own action in the portal opened the page.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Question { get; set; }

    /// <summary>With <see cref="Question"/>: answer from this one document only ("Ask about this" on the search page).</summary>
    /// <remarks>A string, so that a malformed id is ignored rather than an error (<see cref="QueryValues"/>).</remarks>
    [SupplyParameterFromQuery(Name = "doc")]
    public string? DocumentId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private QuestionAnswerer Answerer { get; set; } = null!;
    [Inject] private ConversationStore Conversations { get; set; } = null!;
    [Inject] private FeedbackStore Feedback { get; set; } = null!;
    [Inject] private ExampleQuestions ExampleQuestions { get; set; } = null!;
    [Inject] private QuotePageLocator QuotePages { get; set; } = null!;
    [Inject] private SourceBadges Badges { get; set; } = null!;
    [Inject] private CallerResolver Callers { get; set; } = null!;
    [Inject] private UserRateLimiter RateLimiter { get; set; } = null!;
    [Inject] private IDbContextFactory<KnowledgeDbContext> ContextFactory { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IJSRuntime Js { get; set; } = null!;
    [Inject] private ILogger<AskPage> Logger { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await using var context = await ContextFactory.CreateDbContextAsync();
        empty = !await context.Documents.AnyAsync(d => d.IndexedHash != null);
        if (!empty)
        {
            examples = await ExampleQuestions.ForAsync((await CallerAsync()).Filter, ExampleCount, CancellationToken.None);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (ConversationId != conversationId)
        {
            if (ConversationId is { } id)
            {
                await LoadAsync(id);
            }
            else
            {
                StartOver();
            }
        }
        if (!string.IsNullOrWhiteSpace(Question) && Question != lastPrefilled)
        {
            lastPrefilled = Question;
            // The scope stays for the follow-ups of this conversation, until "New" or the chip is closed.
            documentScope = QueryValues.Guid(DocumentId);
            draft = Question;
            // A link only fills the box (see AskLinks); the person's own action in the portal asks at once.
            if (RendererInfo.IsInteractive && AskLinks.IsAskNow(Navigation))
            {
                _ = InvokeAsync(() => AskAsync(Question));
            }
        }
    }

    private void StartOver()
    {
        generation?.Cancel();
        turns.Clear();
        conversationId = null;
        documentScope = null;
        title = null;
        missingConversation = false;
    }

    private async Task LoadAsync(Guid id)
    {
        StartOver();
        loading = true;
        var caller = await CallerAsync();
        var conversation = caller.UserId is null ? null : await Conversations.GetAsync(caller.UserId, id, caller.Filter, CancellationToken.None);
        loading = false;
        if (conversation is null)
        {
            // Said on the page, at its address: a bookmark or a second tab may point at a deleted conversation.
            missingConversation = true;
            return;
        }
        conversationId = conversation.Id;
        title = conversation.Title;
        turns.AddRange(conversation.Messages.Select(Turn.FromHistory));
        var given = await Feedback.GivenAsync(caller.UserId!, [.. turns.Select(t => t.MessageId).OfType<long>()], CancellationToken.None);
        foreach (var turn in turns)
        {
            turn.Feedback = turn.MessageId is { } messageId ? given.GetValueOrDefault(messageId) : null;
        }
        foreach (var turn in turns)
        {
            await turn.PlaceCitationsAsync(QuotePages, CancellationToken.None);
            await turn.BadgeCitationsAsync(Badges, CancellationToken.None);
        }
    }

    private async Task OnComposerKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !e.ShiftKey && !busy)
        {
            await AskAsync(draft);
        }
    }

    private async Task AskAsync(string? question)
    {
        question = question?.Trim();
        if (string.IsNullOrEmpty(question) || busy)
        {
            return;
        }
        // The box stops typing at the limit, but a filled-in link or a crafted circuit message does not.
        if (QueryLength.Problem("question", question) is { } tooLong)
        {
            Snackbar.Add(tooLong, Severity.Warning);
            return;
        }
        var caller = await CallerAsync();
        if (RateLimiter.TryAcquire(UsageKind.Ask, caller.UserId ?? "anonymous") is { } wait)
        {
            Snackbar.Add($"You are asking faster than the portal allows. Try again in {Math.Ceiling(wait.TotalSeconds)} seconds.", Severity.Warning);
            return;
        }
        draft = null;
        busy = true;
        var history = turns.Where(t => t.Completed && !t.Withheld && !t.NotFound)
            .TakeLast(HistoryTurns)
            .Select(t => new ConversationTurn(t.Question, t.Text))
            .ToList();
        var turn = new Turn(question) { Streaming = true };
        turns.Add(turn);
        StateHasChanged();
        await ScrollToBottomAsync();

        using var cancellation = new CancellationTokenSource();
        generation = cancellation;
        try
        {
            var lastRender = DateTime.UtcNow;
            string? searchQuery = null;
            var filter = documentScope is { } scope ? caller.Filter with { DocumentIds = [scope] } : caller.Filter;
            await foreach (var update in Answerer.StreamAsync(new AnswerRequest(question, filter) { History = history }, cancellation.Token))
            {
                switch (update)
                {
                    case AnswerSourcesEvent sources:
                        searchQuery = sources.SearchQuery;
                        break;
                    case AnswerDeltaEvent delta:
                        turn.Text += delta.Text;
                        if (DateTime.UtcNow - lastRender > RenderInterval)
                        {
                            lastRender = DateTime.UtcNow;
                            StateHasChanged();
                        }
                        break;
                    case AnswerCompletedEvent completed:
                        turn.Complete(completed.Answer, completed.Stopped);
                        await turn.PlaceCitationsAsync(QuotePages, CancellationToken.None);
                        StateHasChanged();
                        await SaveAsync(caller, turn, searchQuery, completed);
                        // The badges decorate the citations; the answer is saved first so they can never cost it.
                        await turn.BadgeCitationsAsync(Badges, CancellationToken.None);
                        StateHasChanged();
                        break;
                }
            }
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Answering failed");
            turn.Streaming = false;
            turn.Error = "Something went wrong while answering. Please try again in a moment.";
        }
        finally
        {
            generation = null;
            busy = false;
            StateHasChanged();
        }
    }

    private async Task SaveAsync(Caller caller, Turn turn, string? searchQuery, AnswerCompletedEvent completed)
    {
        if (caller.UserId is null || (completed.Stopped && completed.Answer.Text.Length == 0))
        {
            return;
        }
        var saved = await Conversations.AppendAsync(caller.UserId, conversationId, turn.Question, searchQuery, completed.Answer, completed.Stopped, CancellationToken.None);
        if (saved is not { } ids)
        {
            return;
        }
        turn.MessageId = ids.MessageId;
        if (conversationId is null)
        {
            conversationId = ids.ConversationId;
            title ??= turn.Question;
            // The address now names the conversation, so it can be reopened or shared with oneself later.
            Navigation.NavigateTo($"/c/{ids.ConversationId}", replace: true);
        }
    }

    private async Task<bool> SendFeedbackAsync(long messageId, FeedbackSubmission submission)
    {
        var caller = await CallerAsync();
        if (caller.UserId is null || !await Feedback.RecordAsync(caller.UserId, messageId, submission.Helpful, submission.Reason, submission.Comment, CancellationToken.None))
        {
            Snackbar.Add("Your feedback could not be saved.", Severity.Error);
            return false;
        }
        if (turns.FirstOrDefault(t => t.MessageId == messageId) is { } turn)
        {
            turn.Feedback = new GivenFeedback(submission.Helpful, submission.Reason);
        }
        return true;
    }

    private void Stop() => generation?.Cancel();

    private async Task<Caller> CallerAsync()
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        return await Callers.ResolveAsync(state?.User ?? new System.Security.Claims.ClaimsPrincipal(), CancellationToken.None);
    }

    private async Task ScrollToBottomAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            await Js.InvokeVoidAsync("knowledgePortal.scrollToBottom", "ask-bottom");
        }
    }

    public void Dispose() => generation?.Cancel();
}
