using System.Runtime.CompilerServices;
using System.Text;
using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// Writes the answer to a question from its retrieved sources, as a stream of events: with the
/// configured chat model, or extractively (quoting the sources) when none is configured or the model
/// fails. Retrieval happens before, in <see cref="QuestionAnswerer"/>.
/// </summary>
/// <remarks>
/// <para>Weak evidence (<see cref="ExtractiveAnswerer.Assess"/> below <see cref="AnsweringOptions.MinEvidence"/>)
/// is answered "not found" without calling the model: weak sources cost tokens and invite invention.</para>
/// <para>A model that errors, cannot be reached or stays silent for <see cref="ChatModelOptions.TimeoutSeconds"/>
/// does not fail the answer: the extractive answer is given with a notice saying so, and the error is
/// logged without the API key. Only the caller's cancellation ends the model call early, and that too
/// ends the stream normally (see <see cref="AnswerCompletedEvent.Stopped"/>).</para>
/// </remarks>
public sealed partial class AnswerGenerator
{
    internal const string ModelUnavailableNotice = "The AI model could not be reached, so this answer quotes the documents directly.";
    internal const string StoppedNotice = "Stopped before the end; the answer may be incomplete.";
    internal const string UncitedNotice = "This answer cites none of the sources; check it against them before relying on it.";

    private readonly ExtractiveAnswerer extractive;
    private readonly AnsweringOptions answering;
    private readonly ChatModelOptions chat;
    private readonly ILogger<AnswerGenerator> logger;
    private readonly TimeProvider timeProvider;
    private readonly IChatClient? chatClient;

    /// <param name="chatClient">The host's chat client; used only when <see cref="ChatModelOptions.Provider"/> is not None.</param>
    public AnswerGenerator(
        ExtractiveAnswerer extractive,
        IOptions<AnsweringOptions> answeringOptions,
        IOptions<ChatModelOptions> chatOptions,
        ILogger<AnswerGenerator> logger,
        TimeProvider timeProvider,
        IChatClient? chatClient = null)
    {
        ArgumentNullException.ThrowIfNull(answeringOptions);
        ArgumentNullException.ThrowIfNull(chatOptions);
        this.extractive = extractive;
        answering = answeringOptions.Value;
        this.chat = chatOptions.Value;
        this.logger = logger;
        this.timeProvider = timeProvider;
        this.chatClient = this.chat.Provider == ChatModelProvider.None ? null : chatClient;
    }

    /// <summary>Whether answers are written by a chat model (otherwise they quote the sources).</summary>
    public bool UsesChatModel => this.chatClient is not null;

    /// <summary>
    /// Streams the answer to <paramref name="request"/>: the sources, the text in pieces, then the final answer.
    /// </summary>
    /// <param name="searchQuery">What was searched (the question, or a follow-up made standalone); evidence is judged against it.</param>
    /// <param name="sources">The retrieved passages, cited as [1]..[k] in this order.</param>
    /// <param name="cancellationToken">Stops the answer; the stream then ends with a stopped <see cref="AnswerCompletedEvent"/> instead of throwing.</param>
    public async IAsyncEnumerable<AnswerEvent> GenerateAsync(
        AnswerRequest request,
        string searchQuery,
        IReadOnlyList<Passage> sources,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(searchQuery);
        ArgumentNullException.ThrowIfNull(sources);
        await foreach (var answerEvent in WriteAsync(request, searchQuery, sources, cancellationToken).ConfigureAwait(false))
        {
            yield return answerEvent is AnswerCompletedEvent completed ? WithMissingEntityNotice(completed, request.Question) : answerEvent;
        }
    }

    /// <summary>
    /// Whoever wrote the answer (the model or the extractive quotes), it is about the passages found; when
    /// the question names something they lack, the reader is told. "Not found" already says as much.
    /// </summary>
    private static AnswerCompletedEvent WithMissingEntityNotice(AnswerCompletedEvent completed, string question)
    {
        var answer = completed.Answer;
        if (answer.NotFound || answer.Text.Length == 0 || MissingEntityNotice.For(question, answer.Sources) is not { } notice)
        {
            return completed;
        }
        return completed with { Answer = answer with { Notice = answer.Notice is null ? notice : $"{answer.Notice} {notice}" } };
    }

    private async IAsyncEnumerable<AnswerEvent> WriteAsync(
        AnswerRequest request,
        string searchQuery,
        IReadOnlyList<Passage> sources,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new AnswerSourcesEvent(sources, searchQuery);

        if (sources.Count == 0 || ExtractiveAnswerer.Assess(searchQuery, sources).Score < answering.MinEvidence)
        {
            var notFound = new Answer(Answer.NotFoundText, NotFound: true, Citations: [], sources);
            yield return new AnswerDeltaEvent(notFound.Text);
            yield return new AnswerCompletedEvent(notFound, Stopped: false);
            yield break;
        }

        if (this.chatClient is null)
        {
            await foreach (var e in ExtractiveAsync(searchQuery, sources, notice: null, emitDelta: true, Stopped(string.Empty, sources), cancellationToken))
            {
                yield return e;
            }
            yield break;
        }

        var filter = new CitationStreamFilter(sources.Count);
        var modelText = new StringBuilder();
        var shownAny = false;
        var stopped = false;
        Exception? failure = null;

        using var silence = new CancellationTokenSource(Timeout.InfiniteTimeSpan, this.timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        var timeout = TimeSpan.FromSeconds(this.chat.TimeoutSeconds);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            try
            {
                updates = this.chatClient.GetStreamingResponseAsync(
                    AnswerPrompt.Build(request.Question, request.History, sources), RequestOptions(), linked.Token)
                    .GetAsyncEnumerator(linked.Token);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failure = exception;
            }
            while (updates is not null)
            {
                bool more;
                silence.CancelAfter(timeout);
                try
                {
                    more = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    failure = silence.IsCancellationRequested
                        ? new TimeoutException($"The chat model sent nothing for {this.chat.TimeoutSeconds} s.", exception)
                        : exception;
                    break;
                }
                // A slow reader (a page rendering, a network client) must not count as a silent model.
                silence.CancelAfter(Timeout.InfiniteTimeSpan);
                if (!more)
                {
                    break;
                }
                var text = updates.Current.Text;
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }
                modelText.Append(text);
                var shown = filter.Push(text);
                if (shown.Length > 0)
                {
                    shownAny = true;
                    yield return new AnswerDeltaEvent(shown);
                }
            }
        }
        finally
        {
            // Disposing the enumerator aborts the HTTP response, so the server stops generating.
            await DisposeQuietlyAsync(updates).ConfigureAwait(false);
        }

        if (stopped)
        {
            yield return Stopped(modelText.ToString(), sources);
            yield break;
        }

        var cited = CitationParser.Parse(modelText.ToString(), sources);
        if (failure is null && cited.Text.Length == 0)
        {
            failure = new InvalidOperationException("The chat model returned no text.");
        }
        if (failure is not null)
        {
            LogModelFailed(this.logger, this.chat.Provider, this.chat.Model, modelText.Length, ChatModelFailure.Describe(failure, this.chat));
            // Deltas already shown belong to the abandoned model answer; the completed answer replaces them.
            await foreach (var e in ExtractiveAsync(
                searchQuery, sources, ModelUnavailableNotice, emitDelta: !shownAny, Stopped(modelText.ToString(), sources), cancellationToken))
            {
                yield return e;
            }
            yield break;
        }

        var tail = filter.Flush();
        if (tail.Trim().Length > 0)
        {
            yield return new AnswerDeltaEvent(tail);
        }
        Answer answer;
        if (cited.Citations.Count > 0)
        {
            answer = new Answer(cited.Text, NotFound: false, cited.Citations, sources);
        }
        else if (AnswerPrompt.IsNotFoundReply(cited.Text))
        {
            answer = new Answer(cited.Text, NotFound: true, Citations: [], sources);
        }
        else
        {
            answer = new Answer(cited.Text, NotFound: false, Citations: [], sources, UncitedNotice);
        }
        yield return new AnswerCompletedEvent(answer, Stopped: false);
    }

    private async IAsyncEnumerable<AnswerEvent> ExtractiveAsync(
        string searchQuery,
        IReadOnlyList<Passage> sources,
        string? notice,
        bool emitDelta,
        AnswerCompletedEvent ifStopped,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Answer? answer = null;
        try
        {
            answer = await this.extractive.AnswerAsync(searchQuery, sources, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        if (answer is null)
        {
            yield return ifStopped;
            yield break;
        }
        answer = answer with { Notice = notice };
        if (emitDelta)
        {
            yield return new AnswerDeltaEvent(answer.Text);
        }
        yield return new AnswerCompletedEvent(answer, Stopped: false);
    }

    private static AnswerCompletedEvent Stopped(string modelText, IReadOnlyList<Passage> sources)
    {
        var cited = CitationParser.Parse(modelText, sources);
        return new AnswerCompletedEvent(new Answer(cited.Text, NotFound: false, cited.Citations, sources, StoppedNotice), Stopped: true);
    }

    private ChatOptions RequestOptions() => new()
    {
        Temperature = this.chat.Temperature,
        MaxOutputTokens = this.chat.MaxOutputTokens,
    };

    private async Task DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate>? updates)
    {
        if (updates is null)
        {
            return;
        }
        try
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The answer is already decided; a connection that fails to close cleanly changes nothing.
            LogDisposeFailed(this.logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The {Provider} chat model {Model} failed after {Characters} characters; answered from the documents instead. {Error}")]
    private static partial void LogModelFailed(ILogger logger, ChatModelProvider provider, string? model, int characters, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the chat model stream failed ({ErrorType})")]
    private static partial void LogDisposeFailed(ILogger logger, string errorType);
}
