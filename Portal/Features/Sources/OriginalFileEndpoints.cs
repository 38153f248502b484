using KnowledgePortal.Portal.Security;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using Microsoft.Net.Http.Headers;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>
/// <c>GET /sources/{id}/original</c>: the stored original file, shown by the browser itself
/// (<c>#page=N</c> opens its PDF viewer at a page). Sign-in is required by the fallback policy; a
/// document the caller may not read is a 404 exactly like a missing one.
/// </summary>
public static class OriginalFileEndpoints
{
    public static IEndpointRouteBuilder MapOriginalFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sources/{documentId:guid}/original", ServeAsync)
            .WithName("OriginalFile")
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(
        Guid documentId,
        HttpContext http,
        CallerResolver callers,
        ReadableDocuments documents,
        OriginalFileStore originals,
        CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http.User, cancellationToken);
        var document = await documents.FindAsync(documentId, caller.Filter, cancellationToken);
        // The indexed version is the one the viewer shows and citations point into; the latest upload
        // is the next best thing when that one was cleaned up.
        var hash = document is null
            ? null
            : new[] { document.IndexedHash, document.ContentHash }.FirstOrDefault(h => h is not null && originals.Exists(h));
        if (document is null || hash is null)
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        headers.ContentDisposition = InlineDisposition(document.Name);
        headers.XContentTypeOptions = "nosniff";
        // Who may read it can change at any time: browsers keep it privately and ask again (cheap, by ETag).
        headers.CacheControl = "private, no-cache";
        return Results.File(
            originals.OpenRead(hash),
            ContentTypeOf(document.Kind),
            fileDownloadName: null,
            lastModified: null,
            entityTag: new EntityTagHeaderValue("\"" + hash + "\""),
            enableRangeProcessing: true);
    }

    /// <summary>What the browser is told the file is; a document of unknown kind is only offered as bytes.</summary>
    internal static string ContentTypeOf(DocumentKind? kind) => kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Markdown => "text/markdown; charset=utf-8",
        DocumentKind.Text => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// <c>inline; filename="ascii"; filename*=UTF-8''percent-encoded</c> (RFC 6266 / 5987): the name
    /// is cleaned of paths and control characters first, and non-ASCII names survive in filename*.
    /// </summary>
    internal static string InlineDisposition(string name)
    {
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(DocumentNames.Clean(name));
        return disposition.ToString();
    }
}
