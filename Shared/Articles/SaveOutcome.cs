namespace KnowledgePortal.Shared.Articles;

/// <summary>The result of saving a draft: saved at a new revision, or refused because someone else saved first.</summary>
/// <param name="Revision">The revision the working copy now has (the other person's when <paramref name="Conflict"/>).</param>
/// <param name="ChangedBy">Who saved the newer copy, when there was a conflict.</param>
public sealed record SaveOutcome(bool Conflict, int Revision, string? ChangedBy = null, DateTimeOffset? ChangedAt = null);
