namespace KnowledgePortal.Shared.Articles;

/// <summary>
/// Compares two texts line by line (longest common subsequence) for a side-by-side view: unchanged
/// lines face each other, and a run of removed lines faces the run of added lines that replaced it.
/// </summary>
public static class TextDiff
{
    /// <summary>Texts longer than this many lines on both sides are compared as one changed block, to bound the work.</summary>
    public const int MaxLines = 5000;

    public static IReadOnlyList<DiffLine> SideBySide(string? before, string? after)
    {
        var left = Lines(before);
        var right = Lines(after);
        if ((long)left.Length * right.Length > (long)MaxLines * MaxLines)
        {
            return [.. Pair(left, 0, left.Length, right, 0, right.Length)];
        }
        // lengths[i, j]: longest common subsequence of left[i..] and right[j..].
        var lengths = new int[left.Length + 1, right.Length + 1];
        for (var i = left.Length - 1; i >= 0; i--)
        {
            for (var j = right.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = left[i] == right[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }
        var rows = new List<DiffLine>();
        int l = 0, r = 0, removedFrom = 0, addedFrom = 0;
        while (l < left.Length || r < right.Length)
        {
            if (l < left.Length && r < right.Length && left[l] == right[r])
            {
                rows.AddRange(Pair(left, removedFrom, l, right, addedFrom, r));
                rows.Add(new DiffLine(l + 1, left[l], r + 1, right[r]));
                l++;
                r++;
                (removedFrom, addedFrom) = (l, r);
            }
            else if (r < right.Length && (l == left.Length || lengths[l, r + 1] >= lengths[l + 1, r]))
            {
                r++;
            }
            else
            {
                l++;
            }
        }
        rows.AddRange(Pair(left, removedFrom, l, right, addedFrom, r));
        return rows;
    }

    /// <summary>Removed lines left[ls..le) facing added lines right[rs..re).</summary>
    private static IEnumerable<DiffLine> Pair(string[] left, int ls, int le, string[] right, int rs, int re)
    {
        for (var k = 0; k < Math.Max(le - ls, re - rs); k++)
        {
            var hasLeft = ls + k < le;
            var hasRight = rs + k < re;
            yield return new DiffLine(
                hasLeft ? ls + k + 1 : null, hasLeft ? left[ls + k] : null,
                hasRight ? rs + k + 1 : null, hasRight ? right[rs + k] : null);
        }
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
