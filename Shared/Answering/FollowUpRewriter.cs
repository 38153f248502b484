using System.Text;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// Turns a follow-up ("what about dental?") into a query that can be searched on its own, because
/// retrieval sees only the query, not the conversation.
/// </summary>
/// <remarks>
/// With a chat model configured, the model rewrites the question in a short, separate, non-streamed
/// call that sees the last few turns. Without one, or when that call fails, a deterministic rule
/// applies (<see cref="RewriteWithoutModel"/>). A first question is never rewritten.
/// </remarks>
public sealed partial class FollowUpRewriter
{
    /// <summary>Longest topic question repeated whole in a follow-up's search.</summary>
    internal const int MaxTopicLength = 300;

    /// <summary>Words carried over from earlier questions; more would drown the follow-up's own words.</summary>
    internal const int MaxCarriedTerms = 8;

    private const int MaxRewriteLength = 300;
    private const int MaxAnswerLengthShown = 500;

    private static readonly string[] ContinuationOpenings =
    [
        "and", "or", "but", "also", "so", "then", "what about", "how about", "what if", "same for", "same with", "and what about",
        "ok", "okay",
    ];

    private static readonly HashSet<string> ReferringWords = new(StringComparer.Ordinal)
    {
        "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "such", "same", "one", "ones",
        "he", "she", "him", "her", "his", "former", "latter",
    };

    private static readonly string RewriteInstructions = """
        You rewrite the latest question of a conversation as one standalone search query for a knowledge base.
        Resolve what the question leaves to earlier turns: pronouns, "what about ...", omitted subjects.
        Keep the user's language and key terms. If the question already stands alone, return it unchanged.
        Reply with the query only: no quotes, no explanation, no answer.
        """;

    private readonly IChatClient? chatClient;
    private readonly ChatModelOptions options;
    private readonly ILogger<FollowUpRewriter> logger;
    private readonly TimeProvider timeProvider;

    /// <param name="chatClient">The host's chat client; used only when <see cref="ChatModelOptions.Provider"/> is not None.</param>
    public FollowUpRewriter(
        IOptions<ChatModelOptions> options, ILogger<FollowUpRewriter> logger, TimeProvider timeProvider, IChatClient? chatClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = logger;
        this.timeProvider = timeProvider;
        this.chatClient = this.options.Provider == ChatModelProvider.None ? null : chatClient;
    }

    /// <summary>The query to search for <paramref name="question"/>, given the earlier turns (oldest first).</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return question;
        }
        if (this.chatClient is not null)
        {
            try
            {
                var rewritten = await RewriteWithModelAsync(this.chatClient, question, history, cancellationToken).ConfigureAwait(false);
                if (rewritten is not null)
                {
                    return rewritten;
                }
                LogUnusableRewrite(this.logger);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                // The answer call will likely fail the same way and say so; here the rule is good enough.
                LogRewriteFailed(this.logger, this.options.Provider, this.options.Model, ChatModelFailure.Describe(exception, this.options));
            }
        }
        return RewriteWithoutModel(question, history);
    }

    /// <summary>
    /// The rule used without a model. A question counts as a follow-up when it opens like a
    /// continuation ("and…", "what about…", "how about…"), or has at most one content word
    /// ("dental?", "why?"), or refers back with a pronoun or determiner ("it", "that", "those",
    /// "same"…) while having at most three content words ("does that cover dental?"). A follow-up is
    /// searched after the conversation's topic question, the latest earlier question that stood alone:
    /// "How much does the Northwind Standard plan cost? what about dental?". A whole question embeds
    /// closer to the passages that answer it than a bag of its words does (evidence 0.71 vs 0.64 on a
    /// small benefits document), so fewer follow-ups end as "not found". A topic question too long to
    /// repeat gives only its first <see cref="MaxCarriedTerms"/> content words. Whatever is carried fits in
    /// what the question leaves of <see cref="QueryLength.Max"/>. Any other question is returned as it is.
    /// </summary>
    internal static string RewriteWithoutModel(string question, IReadOnlyList<ConversationTurn> history)
    {
        if (history.Count == 0 || !IsFollowUp(question))
        {
            return question;
        }
        question = question.Trim();
        var topic = (history.LastOrDefault(turn => !IsFollowUp(turn.Question))?.Question ?? history[0].Question).Trim();
        // What the earlier turns add to the search gets only what the question leaves of the query budget:
        // a conversation must not search more than one question may.
        var room = QueryLength.Max - question.Length - 1;
        if (topic.Length <= Math.Min(MaxTopicLength, room))
        {
            return $"{topic} {question}";
        }
        var own = QueryTerms.Words(question).Select(WordStems.Of).ToHashSet(StringComparer.Ordinal);
        var carried = new List<string>(MaxCarriedTerms);
        foreach (var term in QueryTerms.Extract(topic).Where(t => !ReferringWords.Contains(t) && !own.Contains(WordStems.Of(t))))
        {
            if (carried.Count == MaxCarriedTerms)
            {
                break;
            }
            if (term.Length < room)
            {
                room -= term.Length + 1;
                carried.Add(term);
            }
        }
        return $"{question} {string.Join(' ', carried)}".Trim();
    }

    internal static bool IsFollowUp(string question)
    {
        var words = QueryTerms.Words(question).ToList();
        var opening = string.Join(' ', words.Take(3));
        if (ContinuationOpenings.Any(o => opening == o || opening.StartsWith(o + " ", StringComparison.Ordinal)))
        {
            return true;
        }
        var contentWords = QueryTerms.Extract(question).Count;
        return contentWords <= 1 || (contentWords <= 3 && words.Any(ReferringWords.Contains));
    }


    private async Task<string?> RewriteWithModelAsync(
        IChatClient chatClient, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        var transcript = new StringBuilder("Conversation:\n");
        foreach (var turn in history.TakeLast(AnswerPrompt.MaxHistoryTurns))
        {
            transcript.Append("User: ").Append(turn.Question.Trim()).Append('\n');
            var answer = CitationParser.StripMarkers(turn.Answer).Trim();
            if (answer.Length > MaxAnswerLengthShown)
            {
                answer = answer[..MaxAnswerLengthShown].TrimEnd() + "…";
            }
            transcript.Append("Assistant: ").Append(answer).Append('\n');
        }
        transcript.Append("\nLatest question: ").Append(question.Trim());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(this.options.TimeoutSeconds), this.timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var response = await chatClient.GetResponseAsync(
            [new ChatMessage(ChatRole.System, RewriteInstructions), new ChatMessage(ChatRole.User, transcript.ToString())],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 100 },
            linked.Token).ConfigureAwait(false);
        return Clean(response.Text);
    }

    /// <summary>The query in a model's reply, or null when the reply is not a usable query.</summary>
    private static string? Clean(string? reply)
    {
        var line = reply?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (line is null)
        {
            return null;
        }
        foreach (var prefix in new[] { "standalone query:", "search query:", "query:" })
        {
            if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                line = line[prefix.Length..].TrimStart();
            }
        }
        line = line.Trim('"', '\'', '“', '”', '`', ' ');
        return line.Length == 0 || line.Length > MaxRewriteLength || QueryTerms.Extract(line).Count == 0 ? null : line;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rewriting a follow-up with the {Provider} chat model {Model} failed; used the word rule instead. {Error}")]
    private static partial void LogRewriteFailed(ILogger logger, ChatModelProvider provider, string? model, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The chat model's rewrite of a follow-up was not a usable query; used the word rule instead")]
    private static partial void LogUnusableRewrite(ILogger logger);
}
