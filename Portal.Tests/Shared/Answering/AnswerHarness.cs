using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>
/// The answer generator and follow-up rewriter as the host builds them: the real provider client from
/// <see cref="ChatModelServiceCollectionExtensions.CreateChatClient"/> and the real extractive fallback.
/// </summary>
internal sealed class AnswerHarness : IDisposable
{
    private readonly IChatClient? chatClient;

    public AnswerHarness(ChatModelOptions chat, LocalMiniLmEmbeddingGenerator embedder, AnsweringOptions? answering = null)
    {
        var answeringOptions = Options.Create(answering ?? new AnsweringOptions());
        var chatOptions = Options.Create(chat);
        chatClient = chat.Provider == ChatModelProvider.None ? null : ChatModelServiceCollectionExtensions.CreateChatClient(chat);
        Generator = new AnswerGenerator(
            new ExtractiveAnswerer(embedder, answeringOptions), answeringOptions, chatOptions, Log, TimeProvider.System, chatClient);
        Rewriter = new FollowUpRewriter(chatOptions, RewriterLog, TimeProvider.System, chatClient);
    }

    public AnswerGenerator Generator { get; }

    public FollowUpRewriter Rewriter { get; }

    public RecordingLogger<AnswerGenerator> Log { get; } = new();

    public RecordingLogger<FollowUpRewriter> RewriterLog { get; } = new();

    public static ChatModelOptions OpenAi(Uri serverRoot, string apiKey = "sk-test", int timeoutSeconds = 30) => new()
    {
        Provider = ChatModelProvider.OpenAI,
        Endpoint = new Uri(serverRoot, "v1").ToString(),
        Model = "test-chat",
        ApiKey = apiKey,
        TimeoutSeconds = timeoutSeconds,
    };

    public static ChatModelOptions Ollama(Uri serverRoot, int timeoutSeconds = 30) => new()
    {
        Provider = ChatModelProvider.Ollama,
        Endpoint = serverRoot.ToString(),
        Model = "test-chat",
        TimeoutSeconds = timeoutSeconds,
    };

    /// <summary>Runs a whole answer and returns its events, calling <paramref name="onEvent"/> as each arrives.</summary>
    public async Task<List<AnswerEvent>> AnswerAsync(
        string question,
        IReadOnlyList<Passage> sources,
        CancellationToken cancellationToken,
        IReadOnlyList<ConversationTurn>? history = null,
        Action<AnswerEvent>? onEvent = null)
    {
        var request = new AnswerRequest(question, SearchFilter.Everyone) { History = history ?? [] };
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in Generator.GenerateAsync(request, question, sources, cancellationToken))
        {
            events.Add(answerEvent);
            onEvent?.Invoke(answerEvent);
        }
        AssertOrder(events);
        return events;
    }

    /// <summary>One sources event, then deltas, then exactly one completed event.</summary>
    public static void AssertOrder(IReadOnlyList<AnswerEvent> events)
    {
        Assert.IsType<AnswerSourcesEvent>(events[0]);
        Assert.IsType<AnswerCompletedEvent>(events[^1]);
        Assert.All(events.Skip(1).SkipLast(1), e => Assert.IsType<AnswerDeltaEvent>(e));
    }

    public static AnswerCompletedEvent Completed(IReadOnlyList<AnswerEvent> events) => Assert.IsType<AnswerCompletedEvent>(events[^1]);

    public static List<string> Deltas(IReadOnlyList<AnswerEvent> events) => [.. events.OfType<AnswerDeltaEvent>().Select(d => d.Text)];

    public void Dispose() => chatClient?.Dispose();
}
