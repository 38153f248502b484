namespace KnowledgePortal.Shared.Answering;

/// <summary>How well the retrieved passages support answering a question.</summary>
/// <param name="TopSimilarity">Cosine similarity of the question and the best passage.</param>
/// <param name="TermCoverage">Share of the question's content words found in the best passages (0..1).</param>
/// <param name="Score">The combined evidence compared with <see cref="AnsweringOptions.MinEvidence"/>.</param>
public sealed record EvidenceAssessment(double TopSimilarity, double TermCoverage, double Score);
