using System.Text;
using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Writes the Markdown that a Word file, slide deck or web page is stored and shown as, page by
/// page. Text from the file is escaped, so a "*" or "&lt;script&gt;" in it stays a character and never
/// becomes emphasis or markup; the Markdown parser then turns the pages into blocks like any other.
/// </summary>
internal sealed class MarkdownWriter
{
    private readonly List<string> pages = [];
    private readonly StringBuilder page = new();
    private bool inList;

    public void Heading(int level, string text)
    {
        var clean = Inline(text);
        if (clean.Length > 0)
        {
            Append($"{new string('#', Math.Clamp(level, 1, 6))} {clean}\n\n");
        }
    }

    public void Paragraph(string text)
    {
        var clean = Inline(text);
        if (clean.Length > 0)
        {
            Append(clean + "\n\n");
        }
    }

    /// <param name="depth">0 for a top-level item; nested items are indented under their parent.</param>
    public void ListItem(string text, int depth, bool ordered)
    {
        var clean = Inline(text);
        if (clean.Length > 0)
        {
            // Four spaces per level nest under both "- " and "1. " markers.
            Append($"{new string(' ', 4 * Math.Clamp(depth, 0, 8))}{(ordered ? "1." : "-")} {clean}\n", listItem: true);
        }
    }

    /// <summary>A pipe table; the first row is the header (Markdown tables always have one).</summary>
    public void Table(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var cleaned = rows
            .Select(r => r.Select(Inline).ToList())
            .Where(r => r.Any(c => c.Length > 0))
            .ToList();
        if (cleaned.Count == 0)
        {
            return;
        }
        var columns = cleaned.Max(r => r.Count);
        var table = new StringBuilder();
        for (var i = 0; i < cleaned.Count; i++)
        {
            var cells = cleaned[i].Concat(Enumerable.Repeat(string.Empty, columns - cleaned[i].Count));
            table.Append("| ").AppendJoin(" | ", cells.Select(c => c.Length == 0 ? " " : c)).Append(" |\n");
            if (i == 0)
            {
                table.Append('|').AppendJoin('|', Enumerable.Repeat(" --- ", columns)).Append("|\n");
            }
        }
        Append(table.Append('\n').ToString());
    }

    public void Code(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        // A fence longer than any run of backticks in the text cannot be closed by it.
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', Math.Max(3, longest + 1));
        Append($"{fence}\n{text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')}\n{fence}\n\n");
    }

    /// <summary>Ends the current page, even an empty one, so page numbers stay those of the file.</summary>
    public void BreakPage()
    {
        inList = false;
        pages.Add(page.ToString().TrimEnd() + "\n");
        page.Clear();
    }

    /// <summary>The pages written, the last one included.</summary>
    public IReadOnlyList<string> Finish()
    {
        if (page.Length > 0 || pages.Count == 0)
        {
            BreakPage();
        }
        return pages;
    }

    private void Append(string markdown, bool listItem = false)
    {
        if (inList && !listItem)
        {
            // A blank line ends the list, or the next paragraph would continue its last item.
            page.Append('\n');
        }
        inList = listItem;
        page.Append(markdown);
    }

    /// <summary>One line of literal text: whitespace collapsed, Markdown's punctuation escaped.</summary>
    internal static string Inline(string text)
    {
        var collapsed = TextNormalizer.CollapseWhitespace(text);
        var escaped = new StringBuilder(collapsed.Length + 8);
        foreach (var c in collapsed)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '~' or '&' or '!')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        // A line that starts like a list item or a rule would become one.
        var start = 0;
        while (start < escaped.Length && char.IsAsciiDigit(escaped[start]))
        {
            start++;
        }
        if (start > 0 && start < escaped.Length && escaped[start] is '.' or ')')
        {
            escaped.Insert(start, '\\');
        }
        else if (escaped.Length > 0 && escaped[0] is '-' or '+' or '=')
        {
            escaped.Insert(0, '\\');
        }
        return escaped.ToString();
    }
}
