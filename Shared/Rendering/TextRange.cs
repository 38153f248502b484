namespace KnowledgePortal.Shared.Rendering;

/// <summary>A half-open range [<see cref="Start"/>, <see cref="End"/>) of character offsets in a text.</summary>
public readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;

    public bool IsEmpty => End <= Start;

    /// <summary>Whether [<paramref name="start"/>, <paramref name="end"/>) shares at least one character with this range.</summary>
    public bool Overlaps(int start, int end) => start < End && end > Start;
}
