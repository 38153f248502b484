namespace KnowledgePortal.Shared.Text;

/// <summary>
/// Past this many columns of indentation Markdig is both quadratic and bound to give up on the nesting
/// (64 list levels already need 128 columns); the parser and the renderer both treat such a file as plain text.
/// </summary>
public static class MarkdownNesting
{
    private const int MaxSensibleIndentation = 256;

    public static bool IsTooDeep(string markdown) => MaxIndentation(markdown) > MaxSensibleIndentation;

    private static int MaxIndentation(string text)
    {
        var max = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var columns = 0;
            foreach (var c in line)
            {
                if (c == ' ')
                {
                    columns++;
                }
                else if (c == '\t')
                {
                    columns += 4;
                }
                else
                {
                    break;
                }
            }
            max = Math.Max(max, columns);
        }
        return max;
    }
}
