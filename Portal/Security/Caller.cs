using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Portal.Security;

/// <summary>Who is asking: their user id, and the filter that limits every search to what they may read.</summary>
/// <param name="UserId">Null for an anonymous caller (who then reads only what everyone may read).</param>
public sealed record Caller(string? UserId, string DisplayName, SearchFilter Filter, bool IsAdmin, bool IsEditor)
{
    public bool IsAuthenticated => UserId is not null;

    /// <summary>The caller as the article workflow knows them; only signed-in editors reach it.</summary>
    public ArticleActor AsArticleActor() =>
        new(UserId ?? throw new InvalidOperationException("Articles are worked on by signed-in editors."), IsAdmin, Filter.Principals);
}
