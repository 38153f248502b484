using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Articles;

/// <summary>
/// Reads articles for the people who work on them and for readers. Every query is trimmed to what
/// the caller may read: an article outside their audience does not appear, in counts either.
/// </summary>
public sealed class ArticleCatalog(IDbContextFactory<KnowledgeDbContext> contextFactory, TimeProvider time, IOptions<ArticlesOptions> options)
{
    /// <summary>How far ahead a verification counts as due in an editor's queue.</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromDays(7);

    /// <summary>Every article the editor may read, newest change first; optionally only those in <paramref name="state"/>.</summary>
    public async Task<IReadOnlyList<ArticleSummary>> ListAsync(ArticleActor actor, ArticleState? state, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Readable(context, actor);
        if (state is { } wanted)
        {
            query = query.Where(a => a.State == wanted);
        }
        return await SummarizeAsync(context, await query.OrderByDescending(a => a.UpdatedAt).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The editor's own drafts, reviews others asked for, verifications that are theirs and due within
    /// <see cref="DueSoon"/>, and the published articles they own or verify that expire within it or already have.
    /// </summary>
    public async Task<EditorWork> WorkOfAsync(ArticleActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var articles = await Readable(context, actor)
            .Where(a => a.State != ArticleState.Retired)
            .OrderByDescending(a => a.UpdatedAt)
            .ToListAsync(cancellationToken);
        var summaries = (await SummarizeAsync(context, articles, cancellationToken)).ToDictionary(s => s.Id);
        var myGroups = await context.GroupMemberships.Where(m => m.UserId == actor.UserId).Select(m => m.Group!.Name).ToListAsync(cancellationToken);
        var soon = time.GetUtcNow() + DueSoon;
        var drafts = articles.Where(a => a.State == ArticleState.Draft && (a.OwnerId == actor.UserId || a.UpdatedBy == actor.UserId));
        var reviews = articles.Where(a => a.State == ArticleState.InReview && (a.SubmittedBy != actor.UserId || options.Value.AllowSelfApproval || actor.IsAdmin));
        var due = articles
            .Where(a => a.VerificationDue is { } d && d <= soon)
            .Where(a => a.VerifierUserId == actor.UserId || (a.VerifierGroup is { } g && myGroups.Contains(g)) || (actor.IsAdmin && a.VerifierUserId is null && a.VerifierGroup is null))
            .OrderBy(a => a.VerificationDue);
        var expiring = articles
            .Where(a => a.PublishedVersion is not null && a.ValidUntil is { } until && until <= soon)
            .Where(a => a.OwnerId == actor.UserId || a.VerifierUserId == actor.UserId || (a.VerifierGroup is { } g && myGroups.Contains(g)))
            .OrderBy(a => a.ValidUntil);
        return new EditorWork(
            [.. drafts.Select(a => summaries[a.Id])],
            [.. reviews.Select(a => summaries[a.Id])],
            [.. due.Select(a => summaries[a.Id])],
            [.. expiring.Select(a => summaries[a.Id])]);
    }

    /// <summary>The article with its versions and trail, or null when there is none the editor may read.</summary>
    public async Task<ArticleDetails?> GetAsync(ArticleActor actor, Guid articleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var article = await context.Articles.AsNoTracking().Include(a => a.Audience).FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null || !actor.CanRead(article))
        {
            return null;
        }
        var versions = await context.ArticleVersions.AsNoTracking().Where(v => v.ArticleId == articleId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        var events = await context.ArticleEvents.AsNoTracking().Where(e => e.ArticleId == articleId).OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        var names = await NamesAsync(context, events.Select(e => e.UserId).Append(article.OwnerId).Append(article.VerifierUserId), cancellationToken);
        var mayPublish = actor.IsAdmin
            || (article.State == ArticleState.InReview && (options.Value.AllowSelfApproval || article.SubmittedBy != actor.UserId));
        return new ArticleDetails(
            article,
            NameOr(names, article.OwnerId),
            article.VerifierUserId is { } verifier ? NameOr(names, verifier) : article.VerifierGroup,
            article.PublishedVersion is not null && await ArticleWorkflow.MayVerifyAsync(context, actor, article, cancellationToken),
            mayPublish,
            versions,
            [.. events.Select(e => new ArticleHistoryEntry(e.At, NameOr(names, e.UserId), e.Action, e.Version, e.Comment))]);
    }

    /// <summary>
    /// The curated-article badges of the given documents, for results already trimmed to the reader:
    /// documents that are not published articles have none.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ArticleBadge>> BadgesAsync(IEnumerable<Guid> documentIds, CancellationToken cancellationToken)
    {
        var ids = documentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, ArticleBadge>();
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var articles = await context.Articles.AsNoTracking()
            .Where(a => a.DocumentId != null && ids.Contains(a.DocumentId.Value) && a.PublishedVersion != null)
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(context, articles.Select(a => a.LastVerifiedBy), cancellationToken);
        var now = time.GetUtcNow();
        return articles.ToDictionary(a => a.DocumentId!.Value, a => BadgeOf(a, names, now));
    }

    /// <summary>Published, valid articles a reader with <paramref name="principals"/> may read, by title, without their bodies.</summary>
    public async Task<IReadOnlyList<PublishedArticle>> PublishedAsync(IReadOnlySet<string> principals, CancellationToken cancellationToken) =>
        await PublishedAsync(principals, null, cancellationToken);

    /// <summary>The version a reader gets, with its body, or null when there is no published, valid article they may read.</summary>
    public async Task<PublishedArticle?> PublishedVersionAsync(IReadOnlySet<string> principals, Guid articleId, CancellationToken cancellationToken) =>
        (await PublishedAsync(principals, articleId, cancellationToken)).FirstOrDefault();

    private async Task<IReadOnlyList<PublishedArticle>> PublishedAsync(IReadOnlySet<string> principals, Guid? articleId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var articles = ReadableBy(context, principals).Where(a => a.PublishedVersion != null);
        if (articleId is { } id)
        {
            articles = articles.Where(a => a.Id == id);
        }
        var rows = await (
            from article in articles
            join version in context.ArticleVersions.AsNoTracking() on new { article.Id, Number = article.PublishedVersion!.Value } equals new { Id = version.ArticleId, version.Number }
            select new { article, version.Title, version.Summary, version.Tags, Body = articleId == null ? null : version.Body, version.PublishedAt })
            .ToListAsync(cancellationToken);
        var valid = rows.Where(r => r.article.ValidUntil is null || r.article.ValidUntil > now).ToList();
        var names = await NamesAsync(context, valid.Select(r => r.article.LastVerifiedBy), cancellationToken);
        return [.. valid
            .OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new PublishedArticle(
                r.article.Id, r.article.PublishedVersion!.Value, r.Title, r.Summary, ArticleTags.Split(r.Tags), r.Body, r.PublishedAt,
                BadgeOf(r.article, names, now), r.article.DocumentId))];
    }

    private static ArticleBadge BadgeOf(Article article, Dictionary<string, string> names, DateTimeOffset now) =>
        new(article.Id, article.PublishedVersion!.Value, article.LastVerifiedBy is { } by ? NameOr(names, by) : null, article.LastVerifiedAt, article.NeedsReview(now));

    private static IQueryable<Article> Readable(KnowledgeDbContext context, ArticleActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsAdmin)
        {
            return context.Articles.AsNoTracking().Include(a => a.Audience);
        }
        var principals = actor.Principals.ToList();
        return context.Articles.AsNoTracking().Include(a => a.Audience)
            .Where(a => a.OwnerId == actor.UserId || a.Audience.Any(p => principals.Contains(p.Principal)));
    }

    private static IQueryable<Article> ReadableBy(KnowledgeDbContext context, IReadOnlySet<string> principals)
    {
        var list = principals.ToList();
        return context.Articles.AsNoTracking().Include(a => a.Audience).Where(a => a.Audience.Any(p => list.Contains(p.Principal)));
    }

    private async Task<IReadOnlyList<ArticleSummary>> SummarizeAsync(KnowledgeDbContext context, IReadOnlyList<Article> articles, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(context, articles.Select(a => a.OwnerId), cancellationToken);
        var now = time.GetUtcNow();
        return [.. articles.Select(a => new ArticleSummary(
            a.Id,
            a.Title,
            a.State,
            a.PublishedVersion,
            a.LatestVersion,
            HasUnpublishedChanges: a.PublishedVersion is not null && a.State is ArticleState.Draft or ArticleState.InReview,
            NameOr(names, a.OwnerId),
            ArticleTags.Split(a.Tags),
            [.. a.Audience.Select(p => p.Principal).Order(StringComparer.OrdinalIgnoreCase)],
            a.UpdatedAt,
            a.LastVerifiedAt,
            a.VerificationDue,
            a.NeedsReview(now),
            a.PublishedVersion is null ? null : a.ValidUntil,
            a.IsExpired(now)))];
    }

    private static async Task<Dictionary<string, string>> NamesAsync(KnowledgeDbContext context, IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return await context.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.UserName ?? u.Id, cancellationToken);
    }

    private static string NameOr(Dictionary<string, string> names, string userId) =>
        names.TryGetValue(userId, out var name) ? name : userId == ArticleActor.CommandLineId ? "kp (command line)" : "a former user";
}
