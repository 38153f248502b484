using System.Numerics.Tensors;
using System.Text;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// Answers without a language model: quotes the few sentences of the retrieved passages that best
/// match the question, each cited to its passage, or says the answer was not found when the evidence
/// is weak. Sentences are compared with the question by embedding similarity and shared words.
/// </summary>
public sealed class ExtractiveAnswerer(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<AnsweringOptions> options)
{
    /// <summary>Passages whose sentences are considered (the best ones carry the answer).</summary>
    private const int PassagesConsidered = 4;

    /// <summary>Passages whose words count for term coverage.</summary>
    private const int PassagesForCoverage = 3;

    /// <summary>Sentences compared with the question by embedding, after a cheap word-overlap shortlist (one model run).</summary>
    private const int SentencesEmbedded = 7; // with the question, one batch of the local embedder

    private const int MinSentenceWords = 4;
    private const int MaxSentenceChars = 600;

    private readonly AnsweringOptions options = options.Value;

    public static EvidenceAssessment Assess(string question, IReadOnlyList<Passage> passages)
    {
        if (passages.Count == 0)
        {
            return new EvidenceAssessment(0, 0, 0);
        }
        var topSimilarity = passages.Max(p => p.Similarity);
        var terms = QueryTerms.Extract(question).Select(WordStems.Of).Distinct().ToList();
        double coverage = 0;
        if (terms.Count > 0)
        {
            var words = passages.Take(PassagesForCoverage)
                .SelectMany(p => QueryTerms.Words(p.Text + " " + p.HeadingPath + " " + p.DocumentTitle))
                .Select(WordStems.Of)
                .ToHashSet(StringComparer.Ordinal);
            coverage = terms.Count(words.Contains) / (double)terms.Count;
        }
        // Weights and threshold tuned on the corpus: see AnsweringOptions.MinEvidence.
        return new EvidenceAssessment(topSimilarity, coverage, 0.6 * topSimilarity + 0.4 * coverage);
    }

    public async Task<Answer> AnswerAsync(string question, IReadOnlyList<Passage> passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(passages);
        var evidence = Assess(question, passages);
        if (passages.Count == 0 || evidence.Score < options.MinEvidence)
        {
            return new Answer(Answer.NotFoundText, NotFound: true, Citations: [], Sources: passages);
        }

        var candidates = new List<Candidate>();
        for (var rank = 0; rank < Math.Min(PassagesConsidered, passages.Count); rank++)
        {
            foreach (var sentence in Sentences(passages[rank].Text))
            {
                var words = sentence.Count(c => c == ' ') + 1;
                if (words < MinSentenceWords || sentence.Length > MaxSentenceChars || IsHeadingLike(sentence, words))
                {
                    continue;
                }
                candidates.Add(new Candidate(rank, sentence));
            }
        }
        if (candidates.Count == 0)
        {
            // Passages of headings or fragments only: quote the best passage itself.
            var best = passages[0];
            var quote = Shorten(TextNormalizer.CollapseWhitespace(best.Text));
            return new Answer($"{quote} [1]", NotFound: false, [new Citation(1, best, quote)], passages);
        }

        var questionTerms = QueryTerms.Extract(question).Select(WordStems.Of).ToHashSet(StringComparer.Ordinal);
        double Overlap(string sentence) =>
            questionTerms.Count == 0 ? 0 : Terms(sentence).Count(questionTerms.Contains) / (double)questionTerms.Count;
        // Embedding every sentence of every passage costs a model run per handful of sentences; shortlist by words first.
        var shortlist = candidates
            .Select((candidate, order) => (Candidate: candidate, Order: order, Overlap: Overlap(candidate.Sentence)))
            .OrderByDescending(c => c.Overlap + 0.1 / (c.Candidate.PassageRank + 1))
            .ThenBy(c => c.Order)
            .Take(SentencesEmbedded)
            .ToList();
        var vectors = await embedder.GenerateAsync([question, .. shortlist.Select(c => c.Candidate.Sentence)], cancellationToken: cancellationToken);
        var questionVector = vectors[0].Vector;
        candidates = shortlist.Select((c, i) =>
        {
            var similarity = TensorPrimitives.CosineSimilarity(questionVector.Span, vectors[i + 1].Vector.Span);
            var rankPrior = 1.0 / (c.Candidate.PassageRank + 1);
            return c.Candidate with { Score = 0.6 * similarity + 0.3 * c.Overlap + 0.1 * rankPrior };
        }).ToList();

        var chosen = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score))
        {
            if (chosen.Count == options.MaxSentences || (chosen.Count > 0 && candidate.Score < 0.85 * chosen[0].Score))
            {
                break;
            }
            if (chosen.Any(c => NearDuplicate(c.Sentence, candidate.Sentence)))
            {
                continue;
            }
            chosen.Add(candidate);
        }

        var answer = new StringBuilder();
        var citations = new List<Citation>();
        // Numbered in order of first appearance, 1..n, not by retrieval rank: an answer reads [1] ... [2].
        var numbers = new Dictionary<int, int>();
        foreach (var sentence in chosen)
        {
            if (!numbers.TryGetValue(sentence.PassageRank, out var number))
            {
                numbers[sentence.PassageRank] = number = numbers.Count + 1;
                citations.Add(new Citation(number, passages[sentence.PassageRank], sentence.Sentence));
            }
            if (answer.Length > 0)
            {
                answer.Append(' ');
            }
            answer.Append(sentence.Sentence).Append(" [").Append(number).Append(']');
        }
        return new Answer(answer.ToString(), NotFound: false, citations, passages);
    }

    /// <summary>
    /// A title or heading line ("PerksPlus Health and Wellness Reimbursement Program") matches a question's
    /// words well but answers nothing: a short line without closing punctuation is not quoted.
    /// </summary>
    private static bool IsHeadingLike(string sentence, int words) =>
        words < 12 && sentence[^1] is not ('.' or '!' or '?' or ':' or ';' or ')' or '"' or '”');

    /// <summary>A passage's lines are its blocks, so a heading line never runs into the sentence after it.</summary>
    private static IEnumerable<string> Sentences(string passage) =>
        passage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => SentenceSplitter.Split(line).Select(range => TextNormalizer.CollapseWhitespace(line[range])));

    private static HashSet<string> Terms(string text) =>
        QueryTerms.Extract(text).Select(WordStems.Of).ToHashSet(StringComparer.Ordinal);

    private static bool NearDuplicate(string a, string b)
    {
        var x = Terms(a);
        var y = Terms(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return false;
        }
        var shared = x.Count(y.Contains);
        return shared / (double)Math.Min(x.Count, y.Count) > 0.8;
    }

    private static string Shorten(string text) => text.Length <= MaxSentenceChars ? text : text[..MaxSentenceChars].TrimEnd() + "…";

    private sealed record Candidate(int PassageRank, string Sentence, double Score = 0);
}
