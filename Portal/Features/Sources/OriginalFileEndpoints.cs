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
        endpoints.MapGet("/sources/{documentId:guid}/pages/{page:int}/image", ServePageImageAsync)
            .WithName("PageImage")
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// A page of the indexed version of a PDF as an image, under the same check as the original: a
    /// document the caller may not read, a page it does not have, or a document that is not a PDF is a 404.
    /// </summary>
    private static async Task<IResult> ServePageImageAsync(
        Guid documentId,
        int page,
        HttpContext http,
        CallerResolver callers,
        ReadableDocuments documents,
        PageImages images,
        CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(http.User, cancellationToken);
        var document = await documents.FindAsync(documentId, caller.Filter, cancellationToken);
        if (document is not { Kind: DocumentKind.Pdf, IndexedHash: { } hash } || page < 1 || page > document.PageCount)
        {
            return Results.NotFound();
        }
        var path = await Task.Run(() => images.Render(hash, page, cancellationToken), cancellationToken);
        if (path is null)
        {
            return Results.NotFound();
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.File(path, "image/png", entityTag: new EntityTagHeaderValue($"\"{hash}-{page}\""));
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
        var inline = ShownInline(document.Kind);
        headers.ContentDisposition = Disposition(document.Name, inline);
        headers.XContentTypeOptions = "nosniff";
        if (!inline)
        {
            // An uploaded web page is somebody else's code: if a browser renders it anyway, it runs in
            // a sandbox with no scripts, forms or access to the portal's origin. (Not on PDFs: Chromium
            // refuses to show a PDF in a sandboxed document.)
            headers.ContentSecurityPolicy = "sandbox";
        }
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
        DocumentKind.Html => "text/html",
        DocumentKind.Word => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentKind.PowerPoint => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// PDFs and text open in the browser; a web page is downloaded, never rendered on the portal's
    /// origin, and Office files have no viewer in a browser anyway.
    /// </summary>
    internal static bool ShownInline(DocumentKind? kind) => kind is DocumentKind.Pdf or DocumentKind.Markdown or DocumentKind.Text;

    /// <summary>
    /// <c>inline; filename="ascii"; filename*=UTF-8''percent-encoded</c> (RFC 6266 / 5987), or
    /// <c>attachment; ...</c>: the name is cleaned of paths and control characters first, and non-ASCII
    /// names survive in filename*.
    /// </summary>
    internal static string Disposition(string name, bool inline)
    {
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(DocumentNames.Clean(name));
        return disposition.ToString();
    }
}
