namespace KnowledgePortal.Shared.Curation;

/// <summary>A document's curation: hidden from answers, outdated since when, and the questions it is pinned to.</summary>
public sealed record DocumentCurationState(bool HiddenFromAnswers, DateTimeOffset? OutdatedSince, IReadOnlyList<DocumentPin> Pins);

/// <summary>One question or topic a document is pinned to.</summary>
public sealed record DocumentPin(long Id, string Query);
