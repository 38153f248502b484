namespace KnowledgePortal.Shared.Articles;

/// <summary>Where an article's working copy is in its lifecycle. A published version keeps serving while a new draft of it is written.</summary>
public enum ArticleState
{
    Draft = 1,
    InReview = 2,
    Published = 3,
    Retired = 4,
}
