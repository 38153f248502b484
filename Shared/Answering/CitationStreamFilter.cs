using System.Text;

namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// Lets streamed answer text through as soon as it is safe to show. A "[" that may open a citation
/// marker is held back until the marker is complete; it is then written as "[n]" markers for the
/// numbers that match a source, or removed when none does, so a reader never sees a citation that
/// points at nothing, nor half of one.
/// </summary>
/// <remarks>
/// A marker is "[", numbers of one to three digits separated by "," or ";" (spaces allowed), "]":
/// "[2]", "[1, 3]". Adjacent markers ("[1][3]") are simply two markers. A marker with several numbers
/// is written as adjacent single markers ("[1][3]") so renderers meet one form only. Longer digit runs
/// ("[2024]") and any other bracketed text are ordinary text. Where a marker is removed the text reads
/// as if it had never been there: "costs $5 [9]." becomes "costs $5.", "covered [9] twice" becomes
/// "covered twice", and "[9][2]" becomes "[2]"; so whitespace is held back until the next visible
/// character shows whether it is needed. Line breaks are always kept.
/// </remarks>
internal sealed class CitationStreamFilter
{
    private const int MaxDigits = 3;

    // "[12, 13, 14]" fits; anything longer is text.
    private const int MaxMarkerLength = 24;

    private readonly int sourceCount;

    // Whitespace not shown yet, then possibly the start of a marker at markerStart.
    private readonly StringBuilder held = new();
    private int markerStart = -1;

    // An invalid marker was just removed: collapse the whitespace around it, and drop it before punctuation.
    private bool afterRemovedMarker;

    /// <param name="sourceCount">Markers may cite 1..<paramref name="sourceCount"/>.</param>
    public CitationStreamFilter(int sourceCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourceCount);
        this.sourceCount = sourceCount;
    }

    /// <summary>Takes the next piece of model text and returns what can be shown now (possibly empty).</summary>
    public string Push(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length + this.held.Length);
        foreach (var c in text)
        {
            Process(c, output);
        }
        return output.ToString();
    }

    /// <summary>
    /// The text still held at the end of the stream. An unfinished marker there ("… covered [1") is a
    /// citation cut off mid-way and is dropped with the whitespace before it.
    /// </summary>
    public string Flush()
    {
        var rest = markerStart >= 0 ? string.Empty : this.held.ToString();
        this.held.Clear();
        markerStart = -1;
        afterRemovedMarker = false;
        return rest;
    }

    private void Process(char c, StringBuilder output)
    {
        if (markerStart >= 0)
        {
            if (c == ']')
            {
                this.held.Append(c);
                CompleteMarker(output);
                return;
            }
            if (CanExtendMarker(c))
            {
                this.held.Append(c);
                return;
            }
            // Not a marker after all: what was held is plain text, and c is read afresh.
            output.Append(this.held);
            this.held.Clear();
            markerStart = -1;
            afterRemovedMarker = false;
            Process(c, output);
            return;
        }
        if (char.IsWhiteSpace(c))
        {
            if (!(afterRemovedMarker && this.held.Length > 0 && !IsLineBreak(c)))
            {
                this.held.Append(c);
            }
            return;
        }
        if (c == '[')
        {
            markerStart = this.held.Length;
            this.held.Append(c);
            return;
        }
        if (afterRemovedMarker && c is '.' or ',' or ';' or ':' or '!' or '?' or ')' && !HoldsLineBreak())
        {
            this.held.Clear();
        }
        output.Append(this.held).Append(c);
        this.held.Clear();
        afterRemovedMarker = false;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r';

    private bool HoldsLineBreak()
    {
        for (var i = 0; i < this.held.Length; i++)
        {
            if (IsLineBreak(this.held[i]))
            {
                return true;
            }
        }
        return false;
    }

    private bool CanExtendMarker(char c)
    {
        if (this.held.Length - markerStart >= MaxMarkerLength)
        {
            return false;
        }
        if (c == ' ')
        {
            return true;
        }
        var digitRun = 0;
        var lastNonSpace = '[';
        for (var i = markerStart + 1; i < this.held.Length; i++)
        {
            var held = this.held[i];
            if (held == ' ')
            {
                continue;
            }
            digitRun = char.IsAsciiDigit(held) ? (char.IsAsciiDigit(lastNonSpace) ? digitRun + 1 : 1) : 0;
            lastNonSpace = held;
        }
        if (char.IsAsciiDigit(c))
        {
            // "[1 2]" is not a marker: a digit may only continue a run or follow "[" or a separator.
            var last = this.held[^1];
            var continuesRun = char.IsAsciiDigit(last);
            return continuesRun ? digitRun < MaxDigits : !char.IsAsciiDigit(lastNonSpace);
        }
        return c is ',' or ';' && char.IsAsciiDigit(lastNonSpace);
    }

    private void CompleteMarker(StringBuilder output)
    {
        var marker = this.held.ToString(markerStart, this.held.Length - markerStart);
        this.held.Length = markerStart; // the whitespace before it, still held
        markerStart = -1;

        var numbers = ParseNumbers(marker);
        var valid = numbers?.Where(n => n >= 1 && n <= this.sourceCount).Distinct().ToList();
        if (valid is { Count: 0 })
        {
            afterRemovedMarker = true;
            return;
        }
        output.Append(this.held);
        this.held.Clear();
        afterRemovedMarker = false;
        if (valid is null)
        {
            output.Append(marker); // "[]", "[1,]": bracketed text
            return;
        }
        foreach (var number in valid)
        {
            output.Append('[').Append(number).Append(']');
        }
    }

    /// <summary>The numbers of a complete marker, or null when it is not one ("[]", "[1,]", "[,2]").</summary>
    private static List<int>? ParseNumbers(string marker)
    {
        var parts = marker[1..^1].Split([',', ';']);
        var numbers = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            var digits = part.Trim();
            if (digits.Length is 0 or > MaxDigits || !digits.All(char.IsAsciiDigit))
            {
                return null;
            }
            numbers.Add(int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
        }
        return numbers;
    }
}
