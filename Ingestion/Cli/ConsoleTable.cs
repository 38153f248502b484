using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli;

/// <summary>
/// Tables that fit the terminal (80 columns when output is redirected) without breaking a word: the one
/// column that holds file names gets the width the others leave and shortens long names in the middle,
/// where names differ least ("Northwind_Health…_final.pdf"); every other cell wraps at spaces only.
/// Long messages go under the table, where they wrap like text.
/// </summary>
internal sealed class ConsoleTable
{
    private const int MinNameWidth = 12;

    private readonly Table table = new Table().Border(TableBorder.Rounded);
    private readonly List<string[]> rows = [];
    private readonly List<(string Header, bool Right)> columns = [];
    private int nameColumn = -1;

    public ConsoleTable Column(string header, bool rightAligned = false)
    {
        columns.Add((header, rightAligned));
        return this;
    }

    /// <summary>The column of file names, shortened to fit.</summary>
    public ConsoleTable NameColumn(string header)
    {
        nameColumn = columns.Count;
        return Column(header);
    }

    /// <summary>Adds a row: cells are Spectre markup, except the name column's, which is plain text.</summary>
    public ConsoleTable Row(params string[] cells)
    {
        rows.Add(cells);
        return this;
    }

    public void Write()
    {
        var width = AnsiConsole.Profile.Width;
        // Rounded border: one line per column edge, and one space of padding either side of each cell.
        var overhead = columns.Count + 1 + (2 * columns.Count);
        var widest = columns.Select((c, i) => Math.Max(Plain(c.Header).Length, rows.Count == 0 ? 0 : rows.Max(r => Plain(r[i]).Length))).ToArray();
        var others = widest.Where((_, i) => i != nameColumn).Sum();
        var nameWidth = nameColumn < 0 ? 0 : Math.Max(MinNameWidth, Math.Min(widest[nameColumn], width - overhead - others));
        for (var i = 0; i < columns.Count; i++)
        {
            var column = new TableColumn(columns[i].Header);
            if (columns[i].Right)
            {
                column.RightAligned();
            }
            if (i == nameColumn)
            {
                column.Width(nameWidth).NoWrap();
            }
            table.AddColumn(column);
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select((cell, i) => i == nameColumn ? Markup.Escape(Shorten(cell, nameWidth)) : cell).ToArray());
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> characters, keeping its start and its end.</summary>
    internal static string Shorten(string text, int width)
    {
        if (text.Length <= width)
        {
            return text;
        }
        var tail = (width - 1) / 2;
        var head = width - 1 - tail;
        return string.Concat(text.AsSpan(0, head), "…", text.AsSpan(text.Length - tail));
    }

    private static string Plain(string markup) => Markup.Remove(markup);
}
