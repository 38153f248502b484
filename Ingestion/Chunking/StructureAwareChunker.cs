using System.Text;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Embeddings;
using KnowledgePortal.Shared.Text;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Ingestion.Chunking;

/// <summary>
/// Packs a parsed document's blocks into chunks the embedder reads whole: a chunk ends at a heading,
/// else between blocks, else between sentences, else between words, so that its embedding text
/// (prefix included) never exceeds the embedder's input limit. Chunks split by size within a section
/// repeat the previous chunk's last sentences so an answer straddling the cut is found from either side.
/// </summary>
public sealed class StructureAwareChunker(IEmbeddingModel model, IOptions<ChunkingOptions> options)
{
    private const string HeadingSeparator = " > ";

    /// <summary>Tokens kept free so that joining pieces never pushes a chunk over the model limit.</summary>
    private const int SafetyMargin = 4;

    private readonly ChunkingOptions options = options.Value;
    private readonly IEmbeddingModel model = model;

    public IReadOnlyList<ChunkDraft> Chunk(ParsedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var pages = document.Pages.ToDictionary(p => p.Number, p => p.Text);
        var builder = new ChunkBuilder(this, document.Title);
        ParsedBlock? previous = null;
        foreach (var block in document.Blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(block.Text))
            {
                continue;
            }
            if (block.Kind == BlockKind.Heading || (previous is not null && !SameHeadings(previous, block)))
            {
                builder.EndSection();
            }
            builder.Add(block, SplitIntoPieces(block, pages));
            previous = block;
        }
        builder.Flush(overlap: false);
        return builder.Chunks;
    }

    private static bool SameHeadings(ParsedBlock a, ParsedBlock b) => a.HeadingPath.SequenceEqual(b.HeadingPath);

    /// <summary>Sentences of a block, each mapped to its position on the page when the block text is a verbatim slice of it.</summary>
    private List<Piece> SplitIntoPieces(ParsedBlock block, IReadOnlyDictionary<int, string> pages)
    {
        var text = block.Text;
        var verbatim = pages.TryGetValue(block.PageNumber, out var pageText)
            && block.Start >= 0 && block.End <= pageText.Length && block.End - block.Start == text.Length
            && pageText.AsSpan(block.Start, text.Length).SequenceEqual(text);
        var pieces = new List<Piece>();
        foreach (var range in SentenceSplitter.Split(text))
        {
            var (offset, length) = range.GetOffsetAndLength(text.Length);
            var sentence = TextNormalizer.CollapseWhitespace(text.Substring(offset, length));
            var start = verbatim ? block.Start + offset : block.Start;
            var end = verbatim ? block.Start + offset + length : block.End;
            pieces.Add(new Piece(sentence, block.PageNumber, start, end, model.CountTokens(sentence), block.Kind == BlockKind.Heading));
        }
        return pieces;
    }

    private int ContentBudget(string title, IReadOnlyList<string> headingPath)
    {
        var limit = model.MaxInputTokens - SafetyMargin - model.CountTokens(Prefix(title, headingPath));
        // A prefix that leaves less than half the input for content (absurdly deep headings) is trimmed by Prefix itself.
        limit = Math.Max(limit, model.MaxInputTokens / 2);
        return options.TargetTokens <= 0 ? limit : Math.Min(options.TargetTokens, limit);
    }

    private string Prefix(string title, IReadOnlyList<string> headingPath)
    {
        var parts = options.EmbeddingPrefix switch
        {
            EmbeddingPrefix.None => [],
            EmbeddingPrefix.Title => [title],
            _ => headingPath.Count > 0 && string.Equals(headingPath[0], title, StringComparison.OrdinalIgnoreCase)
                ? headingPath.ToList()
                : [title, .. headingPath],
        };
        var prefix = TextNormalizer.CollapseWhitespace(string.Join(HeadingSeparator, parts.Where(p => !string.IsNullOrWhiteSpace(p))));
        // Keep the prefix within a quarter of the input: the innermost headings matter most, so cut from the front.
        var maxPrefixTokens = model.MaxInputTokens / 4;
        while (prefix.Length > 0 && model.CountTokens(prefix) > maxPrefixTokens)
        {
            var cut = prefix.IndexOf(' ', Math.Max(1, prefix.Length / 8));
            prefix = cut < 0 ? string.Empty : prefix[(cut + 1)..];
        }
        return prefix;
    }

    private sealed record Piece(string Text, int Page, int Start, int End, int Tokens, bool IsHeading = false);

    /// <summary>Accumulates pieces of the current chunk and emits chunks.</summary>
    private sealed class ChunkBuilder(StructureAwareChunker chunker, string title)
    {
        private readonly List<(Piece Piece, bool StartsBlock)> current = [];
        private IReadOnlyList<string> headingPath = [];
        private int currentTokens;
        private int carriedPieces;

        public List<ChunkDraft> Chunks { get; } = [];

        public void EndSection()
        {
            if (current.Count == carriedPieces)
            {
                // Only the overlap of the previous chunk is pending: it belongs to the section that just ended.
                current.Clear();
                currentTokens = 0;
                carriedPieces = 0;
            }
            else if (currentTokens >= chunker.options.MinTokens || carriedPieces > 0)
            {
                // A small section runs on into the next one, but the tail of a long section split by size stays its own.
                Flush(overlap: false);
            }
        }

        public void Add(ParsedBlock block, List<Piece> pieces)
        {
            // A chunk is filed under the headings of its content, not of a heading that merely opens it.
            if (current.Count == 0 || (block.Kind != BlockKind.Heading && current.All(c => c.Piece.IsHeading)))
            {
                headingPath = block.HeadingPath;
            }
            else if (block.Kind != BlockKind.Heading && !block.HeadingPath.SequenceEqual(headingPath))
            {
                // Small sections merged into one chunk: file it under what they share, not under the first one.
                headingPath = headingPath.Zip(block.HeadingPath).TakeWhile(p => p.First == p.Second).Select(p => p.First).ToList();
            }
            var budget = chunker.ContentBudget(title, headingPath);
            var blockTokens = pieces.Sum(p => p.Tokens);
            if (current.Count > 0 && currentTokens + blockTokens > budget && currentTokens >= chunker.options.MinTokens)
            {
                Flush(overlap: true);
                budget = chunker.ContentBudget(title, headingPath);
            }
            var first = true;
            foreach (var piece in pieces)
            {
                foreach (var part in SplitOversized(piece, budget))
                {
                    if (current.Count > 0 && currentTokens + part.Tokens > budget)
                    {
                        Flush(overlap: true);
                    }
                    current.Add((part, first));
                    currentTokens += part.Tokens;
                    first = false;
                }
            }
        }

        /// <summary>A sentence longer than the budget (tables, run-on lists) is cut into word windows.</summary>
        private IEnumerable<Piece> SplitOversized(Piece piece, int budget)
        {
            if (piece.Tokens <= budget)
            {
                yield return piece;
                yield break;
            }
            var words = piece.Text.Split(' ');
            var window = new StringBuilder();
            var windowTokens = 0;
            foreach (var word in words)
            {
                var wordTokens = chunker.model.CountTokens(word);
                if (window.Length > 0 && windowTokens + wordTokens > budget)
                {
                    yield return piece with { Text = window.ToString(), Tokens = windowTokens };
                    window.Clear();
                    windowTokens = 0;
                }
                if (wordTokens > budget)
                {
                    continue; // a single "word" longer than the model input (base64, hashes) carries no meaning
                }
                if (window.Length > 0)
                {
                    window.Append(' ');
                }
                window.Append(word);
                windowTokens += wordTokens;
            }
            if (window.Length > 0)
            {
                yield return piece with { Text = window.ToString(), Tokens = windowTokens };
            }
        }

        public void Flush(bool overlap)
        {
            if (current.Count == carriedPieces)
            {
                return; // nothing new since the last chunk
            }
            Emit();
            var carried = new List<(Piece, bool)>();
            if (overlap && chunker.options.OverlapTokens > 0 && current.Count > 1)
            {
                var tokens = 0;
                for (var i = current.Count - 1; i > 0; i--)
                {
                    tokens += current[i].Piece.Tokens;
                    if (tokens > chunker.options.OverlapTokens)
                    {
                        break;
                    }
                    carried.Insert(0, (current[i].Piece, carried.Count == 0 || current[i].StartsBlock));
                }
            }
            current.Clear();
            current.AddRange(carried);
            currentTokens = carried.Sum(c => c.Item1.Tokens);
            carriedPieces = carried.Count;
        }

        private void Emit()
        {
            var text = new StringBuilder();
            foreach (var (piece, startsBlock) in current)
            {
                if (text.Length > 0)
                {
                    text.Append(startsBlock ? '\n' : ' ');
                }
                text.Append(piece.Text);
            }
            var prefix = chunker.Prefix(title, headingPath);
            var content = TextNormalizer.CollapseWhitespace(text.ToString());
            var embeddingText = prefix.Length == 0 ? content : prefix + ". " + content;
            var first = current[0].Piece;
            var last = current[^1].Piece;
            Chunks.Add(new ChunkDraft(
                Ordinal: Chunks.Count,
                Text: text.ToString(),
                EmbeddingText: embeddingText,
                HeadingPath: headingPath.Count == 0 ? null : string.Join(HeadingSeparator, headingPath),
                PageStart: first.Page,
                PageEnd: last.Page,
                StartOffset: first.Start,
                EndOffset: last.End,
                TokenCount: chunker.model.CountTokens(embeddingText)));
        }
    }
}
