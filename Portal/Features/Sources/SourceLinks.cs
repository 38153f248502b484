using KnowledgePortal.Portal.Hosting;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>The addresses of the source viewer and of originals, built in one place for pages and the API alike.</summary>
public static class SourceLinks
{
    /// <summary>The viewer at a page, with the chunk (when given) highlighted and scrolled into view.</summary>
    public static string Viewer(Guid documentId, int page, long? chunkId = null) =>
        $"/sources/{documentId}?page={page}" + (chunkId is { } chunk ? $"&chunk={chunk}" : string.Empty);

    /// <summary>A PDF page as an image (see <see cref="PageImages"/>).</summary>
    public static string PageImage(Guid documentId, int page) => $"/sources/{documentId}/pages/{page}/image";

    /// <summary>The stored original; for a PDF the fragment opens the browser's viewer at the page.</summary>
    public static string Original(Guid documentId, int? pdfPage = null) =>
        $"/sources/{documentId}/original" + (pdfPage is { } page ? $"#page={page}" : string.Empty);

    /// <summary>
    /// An absolute viewer link, for integrations (a chat bot, a widget) that show it as it is: on the
    /// configured public address when there is one, else on the (allowed) host the request came to.
    /// </summary>
    public static string AbsoluteViewer(HttpRequest request, Guid documentId, int page, long? chunkId)
    {
        var origin = request.HttpContext.RequestServices.GetRequiredService<IOptions<PublicAddressOptions>>().Value.BaseUri is { } baseUri
            ? baseUri.GetLeftPart(UriPartial.Authority) + baseUri.AbsolutePath.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return origin + Viewer(documentId, page, chunkId);
    }
}
