namespace KnowledgePortal.Portal.Components.Pages.Articles;

/// <summary>The date a <see cref="WorkList"/> shows beside each article: the one that makes it belong in that queue.</summary>
public enum WorkListDate
{
    /// <summary>When it was last changed.</summary>
    Changed,

    /// <summary>When its verification is (or was) due.</summary>
    Verification,

    /// <summary>When its valid-until date passes (or passed).</summary>
    Expiry,
}
