using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Rendering;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>Reads what the source viewer shows: the document, one page of it, and where the cited passage is.</summary>
public sealed class SourceViewLoader(
    ReadableDocuments documents, IDbContextFactory<KnowledgeDbContext> contextFactory, PageImages pageImages, OriginalFileStore originals)
{
    /// <param name="page">The page asked for; by default the cited passage's first page, else 1.</param>
    /// <param name="chunkId">The cited passage, if any.</param>
    /// <param name="asPrinted">Show a PDF page as printed, with the passage's boxes, instead of its text.</param>
    public async Task<SourceView> LoadAsync(Guid documentId, int? page, long? chunkId, SearchFilter filter, CancellationToken cancellationToken, bool asPrinted = false)
    {
        var document = await documents.FindAsync(documentId, filter, cancellationToken);
        if (document is null)
        {
            return SourceView.NotFound;
        }
        var view = new SourceView
        {
            State = SourceViewState.Ready,
            DocumentId = document.Id,
            Name = document.Name,
            Title = document.Title,
            Kind = document.Kind,
            Status = document.Status,
            Error = document.Error,
            IndexedAt = document.IndexedAt,
            Audience = VisibleAudience(document.Audience.Select(a => a.Principal), filter.Principals),
        };
        if (document.IndexedHash is null)
        {
            // Never indexed: no pages yet, only a state to explain.
            return view with { State = document.Status == DocumentStatus.Failed ? SourceViewState.Failed : SourceViewState.Indexing };
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pageCount = await context.DocumentPages.CountAsync(p => p.DocumentId == documentId, cancellationToken);
        var cited = chunkId is { } id
            ? await context.Chunks.AsNoTracking()
                .Where(c => c.Id == id && c.DocumentId == documentId)
                .Select(c => new CitedRange(c.PageStart, c.PageEnd, c.StartOffset, c.EndOffset))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var number = Math.Clamp(page ?? cited?.PageStart ?? 1, 1, Math.Max(1, pageCount));
        var text = await context.DocumentPages.AsNoTracking()
            .Where(p => p.DocumentId == documentId && p.Number == number)
            .Select(p => p.Text)
            .FirstOrDefaultAsync(cancellationToken) ?? string.Empty;

        var highlight = cited is null ? null : PageHighlight.For(cited.PageStart, cited.PageEnd, cited.StartOffset, cited.EndOffset, number, text.Length);
        var citation = (chunkId, cited, highlight) switch
        {
            (null, _, _) => CitationState.None,
            (_, null, _) => CitationState.Gone,
            (_, _, null) => CitationState.OnOtherPages,
            _ => CitationState.Highlighted,
        };
        var canShowImage = document.Kind == DocumentKind.Pdf && pageCount > 0 && pageImages.IsAvailable;
        IReadOnlyList<KnowledgePortal.Ingestion.Parsing.PageBox> boxes = [];
        if (asPrinted && canShowImage && highlight is { } range && originals.Exists(document.IndexedHash))
        {
            var pdf = await originals.ReadAsync(document.IndexedHash, cancellationToken);
            boxes = await Task.Run(() => KnowledgePortal.Ingestion.Parsing.PdfPassageBoxes.Find(pdf, number, text[range.Start..range.End]), cancellationToken);
        }
        return view with
        {
            CanShowPageImage = canShowImage,
            PageImageHref = asPrinted && canShowImage ? SourceLinks.PageImage(document.Id, number) : null,
            PageBoxes = boxes,
            PageNumber = number,
            PageCount = pageCount,
            PageText = text,
            Highlight = highlight,
            Markdown = DocumentKinds.PageTextIsMarkdown(document.Kind) ? SafeMarkdownRenderer.Render(text, highlight) : null,
            Citation = citation,
            CitedPage = cited?.PageStart,
        };
    }

    /// <summary>
    /// "everyone", or the document's groups that the reader is in: the names of other groups that may
    /// read it are not the reader's business.
    /// </summary>
    internal static string VisibleAudience(IEnumerable<string> audience, IReadOnlySet<string> readerPrincipals)
    {
        var principals = audience.ToList();
        if (principals.Count == 0 || principals.Contains(Principals.Everyone, StringComparer.OrdinalIgnoreCase))
        {
            return Principals.Everyone;
        }
        return Principals.Describe(principals.Where(p => readerPrincipals.Contains(p) || readerPrincipals.Contains(p, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.OrdinalIgnoreCase));
    }

    private sealed record CitedRange(int PageStart, int PageEnd, int StartOffset, int EndOffset);
}
