namespace KnowledgePortal.Shared.Answering;

/// <summary>Answer text whose citation markers were checked, and the citations they make.</summary>
/// <param name="Text">The text with only "[n]" markers that match a source.</param>
/// <param name="Citations">One per cited source, numbered 1..n in order of first citation (the text's markers follow).</param>
internal sealed record CitedText(string Text, IReadOnlyList<Citation> Citations);
