namespace KnowledgePortal.Portal.Api;

/// <summary>Absolute links to the source viewer, so an integration (a chat bot, a widget) can show them as they are.</summary>
internal static class ViewerLinks
{
    public static string For(HttpRequest request, Guid documentId, int page, long chunkId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/sources/{documentId}?page={page}&chunk={chunkId}";
}
