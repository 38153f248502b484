namespace KnowledgePortal.Shared.Articles;

/// <summary>An audit trail entry with the person's name.</summary>
public sealed record ArticleHistoryEntry(DateTimeOffset At, string Who, ArticleAction Action, int? Version, string? Comment);
