using System.Runtime.CompilerServices;
using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// Answers a question from what the caller may read: makes a follow-up standalone, retrieves the
/// passages within the caller's filter, and has <see cref="AnswerGenerator"/> answer from them.
/// </summary>
public sealed class QuestionAnswerer(
    HybridRetriever retriever, FollowUpRewriter rewriter, AnswerGenerator generator, IOptions<AnsweringOptions> options)
{
    /// <summary>
    /// The answer as it is written: one <see cref="AnswerSourcesEvent"/>, <see cref="AnswerDeltaEvent"/>s,
    /// then one <see cref="AnswerCompletedEvent"/>.
    /// </summary>
    /// <remarks>
    /// Cancelling <paramref name="cancellationToken"/> (the reader pressing Stop) does not throw: the
    /// stream ends promptly with a completed event marked <see cref="AnswerCompletedEvent.Stopped"/>,
    /// holding what was written so far. Cancelled before the sources were found, it sends an empty
    /// sources event first, so the order of events always holds. A failing chat model is not an error
    /// either (the answer quotes the documents, with a notice); a failing database or embedder is.
    /// </remarks>
    public async IAsyncEnumerable<AnswerEvent> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Question);
        ArgumentNullException.ThrowIfNull(request.Filter);
        ArgumentNullException.ThrowIfNull(request.History);

        string? searchQuery = null;
        IReadOnlyList<Passage>? sources = null;
        try
        {
            searchQuery = await rewriter.RewriteAsync(request.Question, request.History, cancellationToken).ConfigureAwait(false);
            sources = await retriever.RetrieveAsync(
                new RetrievalRequest(searchQuery, request.Filter, options.Value.Sources, ForAnswer: true), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        if (searchQuery is null || sources is null)
        {
            yield return new AnswerSourcesEvent([], searchQuery ?? request.Question);
            yield return new AnswerCompletedEvent(
                new Answer(string.Empty, NotFound: false, Citations: [], Sources: [], AnswerGenerator.StoppedNotice), Stopped: true);
            yield break;
        }

        await foreach (var answerEvent in generator.GenerateAsync(request, searchQuery, sources, cancellationToken).ConfigureAwait(false))
        {
            yield return answerEvent;
        }
    }

    /// <summary>The final answer of <see cref="StreamAsync"/>, for callers that show nothing until it is complete.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled: a caller that waits for the whole answer has no use for part of one.</exception>
    public async Task<Answer> AskAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        AnswerCompletedEvent? completed = null;
        await foreach (var answerEvent in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (answerEvent is AnswerCompletedEvent done)
            {
                completed = done;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return completed?.Answer ?? throw new InvalidOperationException("The answer stream ended without a completed event.");
    }

    /// <summary>Answers a first question (no earlier turns).</summary>
    public Task<Answer> AskAsync(string question, SearchFilter filter, CancellationToken cancellationToken) =>
        AskAsync(new AnswerRequest(question, filter), cancellationToken);
}
