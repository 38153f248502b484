using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Ingestion.Articles;

/// <summary>
/// Indexes a published article as a Markdown document through the same intake and pipeline as an
/// upload, so it is chunked by heading and cited at its section like any source. The pipeline swaps
/// a new version's chunks for the old ones in one transaction; until then the old version serves.
/// </summary>
public sealed class ArticleDocuments(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    DocumentIntake intake,
    DocumentRemover remover,
    TimeProvider time) : IArticleIndex
{
    /// <summary>The source path that ties an article's document to the article, so each new version updates the same document.</summary>
    public static string SourcePathOf(Guid articleId) => $"article:{articleId:D}";

    public async Task<Guid> PublishAsync(Article article, ArticleVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(version);
        var audience = Principals.Names(article.Audience.Select(a => a.Principal));
        var name = DocumentNames.Clean(version.Title) + ".md";
        var result = await intake.SubmitAsync(
            new DocumentSubmission(name, Encoding.UTF8.GetBytes(MarkdownOf(version)), audience, SourcePathOf(article.Id)), cancellationToken);
        if (result.DocumentId is not { } documentId)
        {
            throw new ArticleRuleException($"The article could not be queued for indexing: {result.Message}");
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Documents.Where(d => d.Id == documentId).ExecuteUpdateAsync(d => d
            .SetProperty(x => x.ArticleId, article.Id)
            .SetProperty(x => x.Name, name)
            .SetProperty(x => x.ExpiresAt, article.ValidUntil), cancellationToken);
        return documentId;
    }

    public async Task WithdrawAsync(Guid documentId, CancellationToken cancellationToken) =>
        await remover.DeleteAsync(documentId, cancellationToken);

    public async Task UpdateAccessAsync(Guid documentId, IReadOnlyList<string> audience, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        await intake.SetAudienceAsync(documentId, Principals.Names(audience), cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The audience logs its own index change when it changed; the date logs one only when it did.
        var expiryChanged = await context.Documents.Where(d => d.Id == documentId && d.ExpiresAt != expiresAt)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.ExpiresAt, expiresAt), cancellationToken);
        if (expiryChanged > 0)
        {
            context.IndexChanges.Add(new IndexChange { DocumentId = documentId, At = time.GetUtcNow() });
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The text that is indexed: the title as the top heading, the summary, then the body.</summary>
    public static string MarkdownOf(ArticleVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var text = new StringBuilder();
        text.Append("# ").AppendLine(version.Title.Replace('\n', ' ')).AppendLine();
        if (!string.IsNullOrWhiteSpace(version.Summary))
        {
            text.AppendLine(version.Summary.Trim()).AppendLine();
        }
        text.Append(version.Body.Trim()).AppendLine();
        return text.ToString();
    }
}
