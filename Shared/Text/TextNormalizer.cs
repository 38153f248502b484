using System.Text;

namespace KnowledgePortal.Shared.Text;

/// <summary>Whitespace normalisation applied to every text before it is embedded or indexed.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Collapses every run of whitespace (including bare '\n', tabs and no-break spaces) to one space
    /// and trims. Tokenizers that split only on ' ' would otherwise fuse the words around a '\n'.
    /// </summary>
    public static string CollapseWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c == '\u00AD')
            {
                continue; // a soft hyphen only marks where a word may break
            }
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
