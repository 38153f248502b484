using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Shared.Articles;

/// <summary>Who is working on articles: an editor or an administrator, with the principals that decide what they may read.</summary>
/// <param name="UserId">The person's user id; <see cref="CommandLineId"/> for <c>kp</c>.</param>
/// <param name="IsAdmin">Administrators may read every article, publish without a review and verify any article.</param>
public sealed record ArticleActor(string UserId, bool IsAdmin, IReadOnlySet<string> Principals)
{
    /// <summary>The user id the audit trail records for the command line, which runs as the machine's operator.</summary>
    public const string CommandLineId = "kp";

    /// <summary>The operator at the command line: an administrator.</summary>
    public static ArticleActor CommandLine { get; } = new(CommandLineId, IsAdmin: true, Documents.Principals.EveryoneOnly);

    /// <summary>Whether this person may see (and so edit) an article: its audience shares one of their principals, or they own it.</summary>
    public bool CanRead(Article article) =>
        IsAdmin
        || article.OwnerId == UserId
        || article.Audience.Any(a => Principals.Contains(a.Principal));
}
