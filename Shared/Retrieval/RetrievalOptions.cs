using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Shared.Retrieval;

/// <summary>Bound from <c>KnowledgePortal:Retrieval</c>.</summary>
public sealed class RetrievalOptions
{
    public const string Section = "KnowledgePortal:Retrieval";

    /// <summary>How many candidates each search contributes to the fusion.</summary>
    [Range(1, 1000)]
    public int CandidatesPerSearch { get; set; } = 50;

    /// <summary>The k of reciprocal rank fusion, 1 / (k + rank): larger flattens the difference between ranks.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 10;

    [Range(0.0, 10.0)]
    public double VectorWeight { get; set; } = 1.0;

    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>
    /// Weight of the document-title boost, in RRF votes: a chunk of the document whose title matches the query's
    /// distinctive words gains as much as this many first places (see <see cref="DocumentTitleBoost"/>). 0 turns it off.
    /// </summary>
    [Range(0.0, 10.0)]
    public double TitleBoostWeight { get; set; } = 0.5;

    /// <summary>
    /// Most chunks a keyword search ranks: query words are used rarest first while the chunks they appear in
    /// add up to at most this; the others are left out (all of them when even the rarest is past it, leaving
    /// the question to vector search). On the corpus no question comes near it; on the synthetic 200k-chunk
    /// index it keeps keyword search within tens of milliseconds.
    /// </summary>
    [Range(1, 100_000_000)]
    public int KeywordPostingsBudget { get; set; } = 10_000;

    /// <summary>bm25 weight of a match in a chunk's heading path, relative to its text (1.0).</summary>
    [Range(0.0, 100.0)]
    public double HeadingMatchWeight { get; set; } = 0.5;

    /// <summary>bm25 weight of a match in the document title, relative to the chunk text (1.0).</summary>
    [Range(0.0, 100.0)]
    public double TitleMatchWeight { get; set; } = 1.0;

    /// <summary>
    /// Boost of a published knowledge article's passages over raw documents that also match, in RRF votes like
    /// <see cref="TitleBoostWeight"/>: editors vouch for articles. Only a passage in the top (as many as are asked
    /// for) of both searches gets it, so a weak match is not lifted over the document that answers. 0 turns it off.
    /// </summary>
    [Range(0.0, 10.0)]
    public double ArticleBoostWeight { get; set; } = 0.5;

    /// <summary>
    /// Cosine similarity of a question and an editor's pinned question or topic from which the pinned document
    /// ranks first (its best passage for the question); a question written exactly like the pin always matches.
    /// With all-MiniLM-L6-v2 a topic and a question about it measured 0.66 to 0.92 ("vpn setup" / "How do I
    /// connect to the VPN from home?"), a topic and an unrelated question 0.16 to 0.36.
    /// </summary>
    [Range(0.0, 1.0)]
    public double PinSimilarity { get; set; } = 0.65;
}
