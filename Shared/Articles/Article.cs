namespace KnowledgePortal.Shared.Articles;

/// <summary>
/// A knowledge article written by editors. It holds the working copy (the draft people edit) and
/// points at the published version readers get; the two differ while a new draft is under way.
/// </summary>
public sealed class Article
{
    public Guid Id { get; set; }

    public ArticleState State { get; set; }

    /// <summary>Title of the working copy.</summary>
    public required string Title { get; set; }

    /// <summary>Markdown body of the working copy.</summary>
    public string Body { get; set; } = string.Empty;

    public string? Summary { get; set; }

    /// <summary>Tags, comma-separated, as the editor wrote them.</summary>
    public string Tags { get; set; } = string.Empty;

    /// <summary>Incremented by every save of the working copy, so a save made on an older copy is refused instead of overwriting.</summary>
    public int Revision { get; set; }

    /// <summary>The version readers get, or null when nothing is published (never yet, or retired).</summary>
    public int? PublishedVersion { get; set; }

    /// <summary>The highest version number ever published; versions are never reused.</summary>
    public int LatestVersion { get; set; }

    /// <summary>The document the published version is indexed as, for search and answers.</summary>
    public Guid? DocumentId { get; set; }

    public required string OwnerId { get; set; }

    /// <summary>The person who verifies the content, when one person does.</summary>
    public string? VerifierUserId { get; set; }

    /// <summary>The group whose members may verify, when a group does (group name).</summary>
    public string? VerifierGroup { get; set; }

    public int VerificationIntervalDays { get; set; } = 90;

    public DateTimeOffset? LastVerifiedAt { get; set; }

    public string? LastVerifiedBy { get; set; }

    /// <summary>After this time the article leaves search and answers on its own.</summary>
    public DateTimeOffset? ValidUntil { get; set; }

    /// <summary>When the version readers get was published.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Who last asked for a review; they may not approve it themselves unless settings allow it.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>The reviewer's comment when the draft was sent back, shown to the author until the next submission.</summary>
    public string? ReviewComment { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public List<ArticleAudience> Audience { get; set; } = [];

    /// <summary>When the next verification is due: the interval after the last one or after publication; null while nothing is published.</summary>
    public DateTimeOffset? VerificationDue =>
        PublishedVersion is null ? null : (LastVerifiedAt ?? PublishedAt)?.AddDays(VerificationIntervalDays);

    /// <summary>Whether the published version passed its valid-until date, so search and answers no longer use it.</summary>
    public bool IsExpired(DateTimeOffset now) => PublishedVersion is not null && ValidUntil is { } until && until <= now;

    /// <summary>Whether readers should be told the content needs review: its verification is overdue.</summary>
    public bool NeedsReview(DateTimeOffset now) => VerificationDue is { } due && due <= now;
}
