using KnowledgePortal.Shared.Retrieval;

namespace KnowledgePortal.Portal.Security;

/// <summary>Who is asking: their user id, and the filter that limits every search to what they may read.</summary>
/// <param name="UserId">Null for an anonymous caller (who then reads only what everyone may read).</param>
public sealed record Caller(string? UserId, string DisplayName, SearchFilter Filter, bool IsAdmin, bool IsEditor)
{
    public bool IsAuthenticated => UserId is not null;
}
