namespace KnowledgePortal.Shared.Text;

/// <summary>A piece of a snippet: plain text, or a word that matched the query. Always text, never markup.</summary>
public sealed record SnippetSegment(string Text, bool IsMatch);
