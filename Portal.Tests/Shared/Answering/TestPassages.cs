using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Tests.Shared.Answering;

/// <summary>Retrieved passages built directly: they are plain data, and retrieval is tested on its own.</summary>
internal static class TestPassages
{
    public static Passage Create(
        string text, string document = "Benefits handbook.pdf", int pageStart = 1, int? pageEnd = null, string? heading = null,
        double similarity = 0.8, int ordinal = 0) =>
        new(
            ChunkId: Math.Abs(HashCode.Combine(text, document)),
            DocumentId: Guid.NewGuid(),
            DocumentName: document,
            DocumentTitle: Path.GetFileNameWithoutExtension(document),
            Kind: DocumentKind.Pdf,
            Ordinal: ordinal,
            PageStart: pageStart,
            PageEnd: pageEnd ?? pageStart,
            HeadingPath: heading,
            Text: text,
            Score: 0.03,
            Similarity: similarity,
            StartOffset: 0,
            EndOffset: text.Length,
            VectorRank: 0,
            KeywordRank: 0);

    /// <summary>Three passages about health benefits that answer questions on dental cover and PerksPlus.</summary>
    public static IReadOnlyList<Passage> Benefits() =>
    [
        Create(
            "Northwind Standard covers dental cleanings twice a year. Orthodontic treatment is not covered by Northwind Standard.",
            heading: "Dental coverage", pageStart: 3, pageEnd: 4),
        Create(
            "PerksPlus reimburses up to $1,000 a year for fitness expenses such as gym memberships. Submit receipts through the benefits portal within 90 days.",
            document: "PerksPlus.pdf", heading: "Reimbursement"),
        Create(
            "The annual deductible of Northwind Health Plus is $1,500 for in-network providers. Out-of-network care has a separate deductible.",
            document: "Northwind Health Plus.pdf", pageStart: 12),
    ];
}
