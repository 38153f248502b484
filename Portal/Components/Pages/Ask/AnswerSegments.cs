using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>
/// Splits an answer into text and citation chips. Only numbers that match a citation of this answer
/// become chips; any other bracketed number is dropped, so a chip never points at a source that was
/// not retrieved (the answering layer already removes them; this is the last line).
/// </summary>
public static partial class AnswerSegments
{
    [GeneratedRegex(@"\s?\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex Marker();

    public static IReadOnlyList<AnswerSegment> Parse(string text, IReadOnlyList<DisplayedCitation> citations)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byNumber = citations.ToDictionary(c => c.Number);
        var segments = new List<AnswerSegment>();
        var pending = new StringBuilder();
        var position = 0;
        foreach (Match match in Marker().Matches(text))
        {
            pending.Append(text, position, match.Index - position);
            position = match.Index + match.Length;
            var chips = match.Groups[1].Value
                .Split(',', StringSplitOptions.TrimEntries)
                .Select(n => byNumber.GetValueOrDefault(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)))
                .Where(c => c is not null)
                .ToList();
            if (chips.Count == 0)
            {
                continue; // an unknown number: dropped, never shown
            }
            if (pending.Length > 0)
            {
                segments.Add(new AnswerSegment(pending.ToString(), null));
                pending.Clear();
            }
            segments.AddRange(chips.Select(c => new AnswerSegment(null, c)));
        }
        pending.Append(text, position, text.Length - position);
        if (pending.Length > 0)
        {
            segments.Add(new AnswerSegment(pending.ToString(), null));
        }
        return segments;
    }
}
