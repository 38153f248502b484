using KnowledgePortal.Shared.Retrieval;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

/// <summary>Retrieves the passages for a question, within what the caller may read, and answers from them.</summary>
public sealed class QuestionAnswerer(HybridRetriever retriever, ExtractiveAnswerer extractive, IOptions<AnsweringOptions> options)
{
    public async Task<Answer> AskAsync(string question, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var passages = await retriever.RetrieveAsync(new RetrievalRequest(question, filter, options.Value.Sources), cancellationToken);
        return await extractive.AnswerAsync(question, passages, cancellationToken);
    }
}
