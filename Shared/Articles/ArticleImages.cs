using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Shared.Articles;

/// <summary>
/// Images editors upload into an article: raster formats only (an SVG can carry script), at most
/// <see cref="MaxBytes"/>, served at <see cref="Address"/> to whoever may read the article: its
/// editors, or readers of its published version. To anyone else an image does not exist.
/// </summary>
public sealed class ArticleImages(IDbContextFactory<KnowledgeDbContext> contextFactory, OriginalFileStore store, TimeProvider time)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public static string Address(Guid articleId, Guid imageId) => $"/articles/{articleId:D}/images/{imageId:D}";

    /// <summary>Stores the image; returns the Markdown that shows it, or throws <see cref="ArticleRuleException"/> saying why not.</summary>
    public async Task<string> AddAsync(ArticleActor editor, Guid articleId, string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        if (content.Length > MaxBytes)
        {
            throw new ArticleRuleException($"The image is {FileSizes.Describe(content.Length)}, over the {FileSizes.Describe(MaxBytes)} limit.");
        }
        var type = ContentTypeOf(content.Span)
            ?? throw new ArticleRuleException("Only PNG, JPEG, GIF and WebP images can be added (this file is none of them).");
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var article = await context.Articles.AsNoTracking().Include(a => a.Audience).FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null || !editor.CanRead(article))
        {
            throw new ArticleNotFoundException();
        }
        var hash = await store.SaveAsync(content, cancellationToken);
        var name = DocumentNames.Clean(fileName);
        var image = new ArticleImage
        {
            Id = Guid.CreateVersion7(), ArticleId = articleId, FileName = name, ContentType = type, ContentHash = hash,
            SizeBytes = content.Length, CreatedBy = editor.UserId, CreatedAt = time.GetUtcNow(),
        };
        context.ArticleImages.Add(image);
        await context.SaveChangesAsync(cancellationToken);
        var alt = Path.GetFileNameWithoutExtension(name).Replace('[', '(').Replace(']', ')');
        return $"![{alt}]({Address(articleId, image.Id)})";
    }

    /// <summary>The image for someone who may read the article (as an editor, or as a reader of its published version), else null.</summary>
    public async Task<(ArticleImage Image, string Path)?> FindAsync(
        Guid articleId, Guid imageId, IReadOnlySet<string> readerPrincipals, ArticleActor? editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readerPrincipals);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var image = await context.ArticleImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == imageId && i.ArticleId == articleId, cancellationToken);
        var article = image is null ? null : await context.Articles.AsNoTracking().Include(a => a.Audience).FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (image is null || article is null || !store.Exists(image.ContentHash))
        {
            return null;
        }
        var now = time.GetUtcNow();
        var asEditor = editor is not null && editor.CanRead(article);
        var asReader = article.PublishedVersion is not null
            && (article.ValidUntil is null || article.ValidUntil > now)
            && article.Audience.Any(a => readerPrincipals.Contains(a.Principal));
        return asEditor || asReader ? (image, store.PathOf(image.ContentHash)) : null;
    }

    /// <summary>The image type from the file's first bytes, or null for anything else.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
