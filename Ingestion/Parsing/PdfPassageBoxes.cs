using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Util;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>A rectangle on a page in fractions of its width and height, measured from the top left, as a browser places it.</summary>
public sealed record PageBox(double Left, double Top, double Width, double Height);

/// <summary>
/// Where a passage sits on a PDF page, from the same word positions the parser reads: the page's
/// words that continue a run of three of the passage's words are marked, and marked neighbours on
/// one line merge into one box per line. Runs of three survive what the parser changed (joined
/// hyphenation, dropped running headers, reading order across columns); a short run that merely
/// repeats a phrase of the passage elsewhere on the page ("health and wellness") is dropped.
/// </summary>
public static class PdfPassageBoxes
{
    public static IReadOnlyList<PageBox> Find(byte[] pdf, int pageNumber, string passage)
    {
        var wanted = Tokens(passage);
        if (wanted.Count == 0)
        {
            return [];
        }
        using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        if (pageNumber < 1 || pageNumber > document.NumberOfPages)
        {
            return [];
        }
        var page = document.GetPage(pageNumber);
        var words = DefaultWordExtractor.Instance.GetWords(page.Letters).Where(w => Normalize(w.Text).Length > 0).ToList();
        var tokens = words.Select(w => Normalize(w.Text)).ToList();
        var run = Math.Min(3, wanted.Count);
        var grams = new HashSet<string>(Enumerable.Range(0, wanted.Count - run + 1).Select(i => string.Join(' ', wanted.Skip(i).Take(run))));
        var marked = new bool[words.Count];
        for (var i = 0; i + run <= tokens.Count; i++)
        {
            if (grams.Contains(string.Join(' ', tokens.Skip(i).Take(run))))
            {
                for (var j = i; j < i + run; j++)
                {
                    marked[j] = true;
                }
            }
        }
        DropStrayRuns(marked);
        return Merge(words, marked, page.Width, page.Height);
    }

    /// <summary>Words of the passage come in long runs; a run shorter than eight words (or than the longest) is a phrase repeated elsewhere.</summary>
    private static void DropStrayRuns(bool[] marked)
    {
        var runs = new List<(int Start, int Length)>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] && (i == 0 || !marked[i - 1]))
            {
                var end = i;
                while (end < marked.Length && marked[end])
                {
                    end++;
                }
                runs.Add((i, end - i));
            }
        }
        if (runs.Count == 0)
        {
            return;
        }
        var keep = Math.Min(8, runs.Max(r => r.Length));
        foreach (var (start, length) in runs.Where(r => r.Length < keep))
        {
            Array.Fill(marked, false, start, length);
        }
    }

    /// <summary>Consecutive marked words on one baseline become one box.</summary>
    private static List<PageBox> Merge(List<Word> words, bool[] marked, double width, double height)
    {
        var boxes = new List<PageBox>();
        UglyToad.PdfPig.Core.PdfRectangle? current = null;
        for (var i = 0; i <= words.Count; i++)
        {
            var word = i < words.Count && marked[i] ? words[i].BoundingBox : (UglyToad.PdfPig.Core.PdfRectangle?)null;
            if (current is { } open && (word is null || Math.Abs(word.Value.Bottom - open.Bottom) > open.Height / 2 || word.Value.Left < open.Left))
            {
                boxes.Add(new PageBox(open.Left / width, (height - open.Top) / height, open.Width / width, open.Height / height));
                current = null;
            }
            if (word is { } next)
            {
                current = current is { } line
                    ? new UglyToad.PdfPig.Core.PdfRectangle(Math.Min(line.Left, next.Left), Math.Min(line.Bottom, next.Bottom), Math.Max(line.Right, next.Right), Math.Max(line.Top, next.Top))
                    : next;
            }
        }
        return boxes;
    }

    private static List<string> Tokens(string text) =>
        text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(Normalize).Where(t => t.Length > 0).ToList();

    private static string Normalize(string word) => new string(word.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
