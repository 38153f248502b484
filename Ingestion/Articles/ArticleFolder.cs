using System.Text;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgePortal.Ingestion.Articles;

/// <summary>
/// A folder of article files (<see cref="ArticleFile"/>) imported into the portal or exported from it.
/// A file that cannot be imported is reported with its line and the others are imported; an export
/// read back by an import gives the same articles.
/// </summary>
public sealed class ArticleFolder(IDbContextFactory<KnowledgeDbContext> contextFactory, ArticleWorkflow workflow)
{
    private const string GroupPrefix = "group:";

    /// <summary>Imports every <c>*.md</c> file under <paramref name="directory"/>, in name order, as the command line's operator.</summary>
    public async Task<IReadOnlyList<ImportedFile>> ImportAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no folder {Path.GetFullPath(directory)}");
        }
        var results = new List<ImportedFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(directory, path);
            try
            {
                results.Add(await ImportFileAsync(name, ArticleFile.Parse(await File.ReadAllTextAsync(path, cancellationToken)), cancellationToken));
            }
            catch (ArticleFileException e)
            {
                results.Add(new ImportedFile(name, null, false, e.Message, e.Line));
            }
            catch (IOException e)
            {
                results.Add(new ImportedFile(name, null, false, $"the file cannot be read: {e.Message}"));
            }
        }
        return results;
    }

    /// <summary>Writes every article to <paramref name="directory"/>, one file each; returns the files written.</summary>
    public async Task<IReadOnlyList<string>> ExportAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var articles = await context.Articles.AsNoTracking().Include(a => a.Audience).OrderBy(a => a.Title).ToListAsync(cancellationToken);
        var emails = await context.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var written = new List<string>();
        foreach (var article in articles)
        {
            var file = new ArticleFile(
                article.Id, article.Title, article.Summary, ArticleTags.Split(article.Tags),
                Principals.Names(article.Audience.Select(a => a.Principal)),
                emails.GetValueOrDefault(article.OwnerId),
                article.VerifierUserId is { } verifier ? emails.GetValueOrDefault(verifier) : article.VerifierGroup is { } group ? GroupPrefix + group : null,
                article.VerificationIntervalDays, article.ValidUntil, article.State, article.Body);
            var fileName = UniqueFileName(article.Title, used);
            await File.WriteAllTextAsync(Path.Combine(directory, fileName), file.Write(), new UTF8Encoding(false), cancellationToken);
            written.Add(fileName);
        }
        return written;
    }

    private async Task<ImportedFile> ImportFileAsync(string name, ArticleFile file, CancellationToken cancellationToken)
    {
        var actor = ArticleActor.CommandLine;
        string? ownerId;
        string? verifierUserId = null;
        string? verifierGroup = null;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            ownerId = file.Owner is null ? null : await UserIdAsync(context, file.Owner, cancellationToken)
                ?? throw new ArticleFileException(file.LineOf("owner"), $"the owner \"{file.Owner}\" is not a person of this portal");
            if (file.Verifier is { } verifier)
            {
                if (verifier.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    verifierGroup = verifier[GroupPrefix.Length..].Trim();
                    var exists = await context.Groups.AnyAsync(g => g.Name == verifierGroup, cancellationToken);
                    if (!exists)
                    {
                        throw new ArticleFileException(file.LineOf("verifier"), $"there is no group named \"{verifierGroup}\"");
                    }
                }
                else
                {
                    verifierUserId = await UserIdAsync(context, verifier, cancellationToken)
                        ?? throw new ArticleFileException(file.LineOf("verifier"), $"the verifier \"{verifier}\" is not a person of this portal");
                }
            }
        }
        var draft = new ArticleDraft(file.Title, file.Body, file.Summary, string.Join(", ", file.Tags));
        var audience = file.Audience.Count == 0 ? [Principals.Everyone] : file.Audience;
        var existing = file.Id is { } id ? await CurrentAsync(id, cancellationToken) : null;
        var created = existing is null;
        Guid articleId;
        try
        {
            if (existing is null)
            {
                articleId = (await workflow.CreateAsync(actor, draft, audience, cancellationToken, file.Id)).Id;
            }
            else
            {
                articleId = existing.Id;
                var saved = await workflow.SaveDraftAsync(actor, articleId, existing.Revision, draft, cancellationToken);
                if (saved.Conflict)
                {
                    return new ImportedFile(name, articleId, false, "the article changed while it was imported; import again");
                }
            }
        }
        catch (ArticleRuleException e)
        {
            return new ImportedFile(name, null, false, e.Message, LineOfProblem(file, e.Message));
        }
        try
        {
            var current = (await CurrentAsync(articleId, cancellationToken))!;
            await workflow.UpdateSettingsAsync(actor, articleId, new ArticleSettings(
                audience, ownerId ?? current.OwnerId, verifierUserId, verifierGroup,
                file.VerificationIntervalDays ?? current.VerificationIntervalDays, file.ValidUntil), cancellationToken);
            await ReachStateAsync(actor, articleId, file.State, cancellationToken);
        }
        catch (ArticleRuleException e)
        {
            return new ImportedFile(name, articleId, created, e.Message, LineOfProblem(file, e.Message));
        }
        return new ImportedFile(name, articleId, created);
    }

    /// <summary>Takes the imported draft to the state the file names.</summary>
    private async Task ReachStateAsync(ArticleActor actor, Guid articleId, ArticleState wanted, CancellationToken cancellationToken)
    {
        var current = (await CurrentAsync(articleId, cancellationToken))!;
        switch (wanted)
        {
            case ArticleState.InReview when current.State == ArticleState.Draft:
                await workflow.SubmitForReviewAsync(actor, articleId, cancellationToken);
                break;
            case ArticleState.Published when current.State is ArticleState.Draft or ArticleState.InReview:
                await workflow.PublishAsync(actor, articleId, cancellationToken);
                break;
            case ArticleState.Retired when current.State != ArticleState.Retired:
                await workflow.RetireAsync(actor, articleId, cancellationToken);
                break;
        }
    }

    private async Task<Article?> CurrentAsync(Guid articleId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
    }

    private static async Task<string?> UserIdAsync(KnowledgeDbContext context, string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await context.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The line a workflow refusal is about: the title, the audience, or the body.</summary>
    private static int LineOfProblem(ArticleFile file, string message) =>
        message.Contains("titled", StringComparison.Ordinal) || message.Contains("title", StringComparison.Ordinal) ? file.LineOf("title")
        : message.Contains("group", StringComparison.Ordinal) ? file.LineOf("audience")
        : (file.Lines?.Values.DefaultIfEmpty(0).Max() ?? 0) + 2;

    private static string UniqueFileName(string title, HashSet<string> used)
    {
        var slug = new string([.. title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        slug = slug.Length == 0 ? "article" : slug[..Math.Min(slug.Length, 80)].Trim('-');
        var name = slug + ".md";
        for (var n = 2; !used.Add(name); n++)
        {
            name = $"{slug}-{n}.md";
        }
        return name;
    }
}
