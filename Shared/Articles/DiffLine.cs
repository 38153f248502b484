namespace KnowledgePortal.Shared.Articles;

/// <summary>One row of a side-by-side comparison: the old line on the left, the new one on the right, or either alone.</summary>
/// <param name="Left">The old text's line, null where the new text added one.</param>
/// <param name="Right">The new text's line, null where the old text's line was removed.</param>
public sealed record DiffLine(int? LeftNumber, string? Left, int? RightNumber, string? Right)
{
    public bool Changed => Left != Right;
}
