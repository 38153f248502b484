using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Conversations;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Api;

/// <summary>
/// <c>POST /api/ask</c>: the Ask page's answer as server-sent events, within what the caller may read,
/// saved to the caller's history like an answer given on the page.
/// </summary>
internal static partial class AskEndpoint
{
    /// <summary>Earlier turns given to the answerer as context for a follow-up (as on the Ask page).</summary>
    private const int HistoryTurns = 6;

    private const int MaxHistoryTextLength = 20_000;

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        CallerResolver callers,
        UserRateLimiter rateLimiter,
        ConversationStore conversations,
        CancellationToken cancellationToken)
    {
        // Read here rather than bound by the framework, whose refusals of a bad body are an empty 400.
        var (body, bodyProblem) = await ApiJsonBody.ReadAsync<AskRequest>(context, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }
        var question = body.Question?.Trim();
        if (string.IsNullOrEmpty(question))
        {
            return ApiProblems.Invalid("question", "Ask a question: the question is empty.");
        }
        if (QueryLength.Problem("question", question) is { } tooLong)
        {
            return ApiProblems.Invalid("question", tooLong);
        }
        var given = body.History ?? [];
        if (given.Any(t => t is null || t.Question is null || t.Answer is null || t.Question.Length + t.Answer.Length > MaxHistoryTextLength))
        {
            return ApiProblems.Invalid("history", $"Each history turn needs a question and an answer of at most {MaxHistoryTextLength} characters together.");
        }
        // Earlier questions feed the search of a follow-up: each is held to the limit of a question.
        if (given.Select(t => QueryLength.Problem("earlier question", t.Question.Trim())).FirstOrDefault(p => p is not null) is { } earlierTooLong)
        {
            return ApiProblems.Invalid("history", earlierTooLong);
        }

        var caller = await callers.ResolveAsync(context.User, cancellationToken);
        var userId = caller.UserId ?? throw new InvalidOperationException("The API requires a signed-in caller.");
        IReadOnlyList<ConversationTurn> history = [.. given.TakeLast(HistoryTurns)];
        if (body.ConversationId is { } conversationId)
        {
            // The stored conversation, as its owner may read it today; someone else's is as missing as a deleted one.
            var conversation = await conversations.GetAsync(userId, conversationId, caller.Filter, cancellationToken);
            if (conversation is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found",
                    detail: "There is no conversation with this id among yours. Leave conversationId empty to start a new one.");
            }
            if (body.History is null)
            {
                history = [.. conversation.Messages
                    .Where(m => !m.Withheld && !m.NotFound && !m.Stopped)
                    .TakeLast(HistoryTurns)
                    .Select(m => new ConversationTurn(m.Question, m.Answer))];
            }
        }
        // Counted once the request is valid: a typo in a client should not use up someone's questions.
        if (rateLimiter.TryAcquire(UsageKind.Ask, userId) is { } wait)
        {
            return ApiProblems.TooMany(context, "Too many questions", "asking", wait);
        }
        return new AnswerStream(new AnswerRequest(question, caller.Filter) { History = history }, userId, body.ConversationId);
    }

    /// <summary>Writes the answer as it is generated; the request's abort token stops generation.</summary>
    private sealed class AnswerStream(AnswerRequest request, string userId, Guid? conversationId) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var services = context.RequestServices;
            var answerer = services.GetRequiredService<QuestionAnswerer>();
            var conversations = services.GetRequiredService<ConversationStore>();
            var quotePages = services.GetRequiredService<QuotePageLocator>();
            var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AskEndpoint));
            var aborted = context.RequestAborted;
            var events = new ServerSentEventWriter(context.Response, json, aborted);
            await events.StartAsync();

            string? searchQuery = null;
            var sourceBadges = context.RequestServices.GetRequiredService<SourceBadges>();
            IReadOnlyDictionary<Guid, SourceBadge> badges = new Dictionary<Guid, SourceBadge>();
            try
            {
                // Cancelled by the client going away, the stream ends with a stopped answer instead of throwing.
                await foreach (var update in answerer.StreamAsync(request, aborted))
                {
                    switch (update)
                    {
                        case AnswerSourcesEvent sources:
                            searchQuery = sources.SearchQuery;
                            badges = await sourceBadges.ForAsync(sources.Sources.Select(p => p.DocumentId), CancellationToken.None);
                            await events.WriteAsync("sources", new AskSourcesEvent(
                                sources.SearchQuery,
                                [.. sources.Sources.Select((p, i) => new ApiSource(
                                    i + 1, p.DocumentName, p.DocumentTitle, p.PageStart, p.PageEnd, p.HeadingPath, p.DocumentId, p.ChunkId,
                                    SourceLinks.AbsoluteViewer(context.Request, p.DocumentId, p.PageStart, p.ChunkId),
                                    p.Kind is { } kind ? DocumentKinds.Code(kind) : null,
                                    ApiArticle.From(badges.GetValueOrDefault(p.DocumentId)?.Article),
                                    badges.GetValueOrDefault(p.DocumentId)?.Outdated == true))]));
                            break;
                        case AnswerDeltaEvent delta:
                            await events.WriteAsync("delta", new AskDeltaEvent(delta.Text));
                            break;
                        case AnswerCompletedEvent completed:
                            var saved = await SaveAsync(conversations, searchQuery, completed);
                            var answer = completed.Answer;
                            var citations = new List<ApiCitation>(answer.Citations.Count);
                            foreach (var c in answer.Citations)
                            {
                                var page = await quotePages.PageOfAsync(c.Passage.DocumentId, c.Passage.PageStart, c.Passage.PageEnd, c.Quote, CancellationToken.None);
                                citations.Add(new ApiCitation(
                                    c.Number, c.Passage.DocumentName, c.Passage.DocumentTitle, c.Passage.PageStart, c.Passage.PageEnd, c.Quote,
                                    c.Passage.DocumentId, c.Passage.ChunkId,
                                    SourceLinks.AbsoluteViewer(context.Request, c.Passage.DocumentId, page, c.Passage.ChunkId),
                                    c.Passage.Kind is { } citedKind ? DocumentKinds.Code(citedKind) : null,
                                    ApiArticle.From(badges.GetValueOrDefault(c.Passage.DocumentId)?.Article),
                                    badges.GetValueOrDefault(c.Passage.DocumentId)?.Outdated == true));
                            }
                            await events.WriteAsync("citations", new AskCitationsEvent(citations));
                            await events.WriteAsync("done", new AskDoneEvent(answer.Text, answer.NotFound, answer.Notice, completed.Stopped, saved));
                            break;
                    }
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The 200 and the first events are already sent: the failure can only be told in the stream.
                LogAnswerFailed(logger, exception);
                await events.WriteAsync("error", new AskErrorEvent("Something went wrong while answering. Please try again in a moment."));
            }
        }

        /// <summary>Saved like the Ask page saves: a stopped answer only when something was written.</summary>
        private async Task<Guid?> SaveAsync(ConversationStore conversations, string? searchQuery, AnswerCompletedEvent completed)
        {
            if (completed.Stopped && completed.Answer.Text.Length == 0)
            {
                return conversationId;
            }
            // Not the request's token: an answer the client stopped reading is still the person's history.
            var saved = await conversations.AppendAsync(
                userId, conversationId, request.Question, searchQuery, completed.Answer, completed.Stopped, CancellationToken.None);
            return saved?.ConversationId;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering over the API failed")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception);
}
