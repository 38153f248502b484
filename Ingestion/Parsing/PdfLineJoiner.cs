using System.Text;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Joins the visual lines of one paragraph, undoing a hyphen at a line end only when the
/// document itself shows that the word is written without it.
/// </summary>
/// <remarks>
/// Word-generated PDFs break lines after real hyphens ("out-\nof-pocket", "co-\ninsurance"), so
/// dropping every line-end hyphen would corrupt them. A break is taken as a hyphenation break
/// ("reim-\nbursement") when the joined word occurs elsewhere in the document and the hyphenated
/// form does not; otherwise the hyphen is kept and the halves are joined without a space.
/// </remarks>
internal sealed class PdfLineJoiner
{
    private static readonly string NotWordEdge = BuildNotWordEdge();

    private readonly HashSet<string> vocabulary = new(StringComparer.Ordinal);

    public PdfLineJoiner(IEnumerable<PdfPageLines> pages)
    {
        foreach (var page in pages)
        {
            foreach (var line in page.Lines)
            {
                foreach (var token in line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var word = token.AsSpan().Trim(NotWordEdge);
                    if (word.Length > 1)
                    {
                        vocabulary.Add(word.ToString().ToLowerInvariant());
                    }
                }
            }
        }
    }

    public string Join(IReadOnlyList<PdfLine> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            if (builder.Length == 0)
            {
                builder.Append(text);
                continue;
            }

            var last = builder[^1];
            if (last == '\u00AD')
            {
                builder.Length--;
                builder.Append(text);
            }
            else if ((last == '-' || last == '\u2010')
                && builder.Length > 1 && char.IsLetter(builder[^2])
                && char.IsLower(text[0]))
            {
                if (IsHyphenationBreak(builder, text))
                {
                    builder.Length--;
                }
                builder.Append(text);
            }
            else
            {
                builder.Append(' ').Append(text);
            }
        }
        return builder.ToString();
    }

    private bool IsHyphenationBreak(StringBuilder before, string after)
    {
        var start = before.Length - 1;
        while (start > 0 && char.IsLetter(before[start - 1]))
        {
            start--;
        }
        var left = before.ToString(start, before.Length - 1 - start);
        var rightLength = 0;
        while (rightLength < after.Length && char.IsLetter(after[rightLength]))
        {
            rightLength++;
        }
        var right = after[..rightLength];
        var joined = (left + right).ToLowerInvariant();
        var hyphenated = (left + "-" + right).ToLowerInvariant();
        return vocabulary.Contains(joined) && !vocabulary.Contains(hyphenated);
    }

    private static string BuildNotWordEdge()
    {
        // Everything that may wrap a word: punctuation, quotes, brackets, hyphens at the edges.
        var chars = new StringBuilder();
        for (var c = '\u0021'; c < '\u0080'; c++)
        {
            if (!char.IsLetterOrDigit(c))
            {
                chars.Append(c);
            }
        }
        chars.Append("\u2018\u2019\u201C\u201D\u2010\u2013\u2014\u00AD\u2026\u00AB\u00BB");
        return chars.ToString();
    }
}
