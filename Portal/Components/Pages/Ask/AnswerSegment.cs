namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>A piece of an answer: plain text, or a citation marker to show as a chip.</summary>
public sealed record AnswerSegment(string? Text, DisplayedCitation? Citation);
