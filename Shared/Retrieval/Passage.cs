using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Shared.Retrieval;

/// <summary>A retrieved chunk with what a citation and the source viewer need.</summary>
/// <param name="Score">Fused rank score (higher is better); comparable only within one result list.</param>
/// <param name="Similarity">Cosine similarity of the query and the passage embeddings, the evidence strength used to decide "not found".</param>
/// <param name="StartOffset">Highlight start in the text of page <paramref name="PageStart"/>.</param>
/// <param name="EndOffset">Highlight end in the text of page <paramref name="PageEnd"/>.</param>
public sealed record Passage(
    long ChunkId,
    Guid DocumentId,
    string DocumentName,
    string? DocumentTitle,
    DocumentKind? Kind,
    int Ordinal,
    int PageStart,
    int PageEnd,
    string? HeadingPath,
    string Text,
    double Score,
    double Similarity,
    int StartOffset,
    int EndOffset,
    int? VectorRank,
    int? KeywordRank);
