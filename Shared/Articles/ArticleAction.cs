namespace KnowledgePortal.Shared.Articles;

/// <summary>What someone did to an article, as its audit trail records it.</summary>
public enum ArticleAction
{
    Created = 1,
    Edited = 2,
    SubmittedForReview = 3,
    SentBack = 4,
    Published = 5,
    Retired = 6,
    Verified = 7,
    Restored = 8,
    SettingsChanged = 9,
    Imported = 10,
}
