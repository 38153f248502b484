using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// Splits normalised text the way BERT's original BasicTokenizer does: on whitespace, and every
/// punctuation character becomes a word of its own.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers' own BERT pre-tokenizer matches <c>\w+|\p{P}</c> and silently drops
/// everything else, so "$2,000", "a+b", "°C" or "½" lose their symbols; the model was trained with
/// them. BERT counts every non-alphanumeric ASCII character as punctuation (so "$", "+", "^" and "`"
/// split words) and keeps other symbols (€, ©, °) inside the word for WordPiece to handle.
/// </remarks>
internal sealed class BertBasicPreTokenizer : PreTokenizer
{
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
        text is null ? [] : Split(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    private static List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var words = new List<(int Offset, int Length)>(text.Length / 4 + 1);
        var wordStart = -1;
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate is no character BERT knows; let WordPiece turn it into [UNK] with its word.
                rune = Rune.ReplacementChar;
                consumed = 1;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                Flush(words, ref wordStart, index);
            }
            else if (IsBertPunctuation(rune))
            {
                Flush(words, ref wordStart, index);
                words.Add((index, consumed));
            }
            else if (wordStart < 0)
            {
                wordStart = index;
            }
            index += consumed;
        }
        Flush(words, ref wordStart, text.Length);
        return words;
    }

    private static void Flush(List<(int Offset, int Length)> words, ref int wordStart, int end)
    {
        if (wordStart >= 0)
        {
            words.Add((wordStart, end - wordStart));
            wordStart = -1;
        }
    }

    /// <summary>BERT's definition: all non-alphanumeric printable ASCII, plus every Unicode P* category.</summary>
    internal static bool IsBertPunctuation(Rune rune)
    {
        var value = rune.Value;
        if (value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            _ => false,
        };
    }
}
