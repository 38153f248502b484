using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgePortal.Shared.Articles;

/// <summary>
/// The lifecycle of knowledge articles: draft → in review → published → retired. Every change is
/// checked against the rules, recorded in the article's audit trail, and, when it changes what
/// readers get, handed to the <see cref="IArticleIndex"/>.
/// </summary>
public sealed class ArticleWorkflow(
    IDbContextFactory<KnowledgeDbContext> contextFactory,
    IArticleIndex index,
    TimeProvider time,
    IOptions<ArticlesOptions> options)
{
    private readonly ArticlesOptions options = options.Value;

    /// <summary>Starts a draft owned by <paramref name="actor"/>, readable by everyone unless <paramref name="audience"/> says otherwise.</summary>
    /// <param name="id">The id to give it (an import keeps the ids of exported articles, so links to them still work); a new one when null.</param>
    public async Task<Article> CreateAsync(ArticleActor actor, ArticleDraft draft, IReadOnlyList<string>? audience, CancellationToken cancellationToken, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var content = await ValidateAsync(context, null, draft, cancellationToken);
        var principals = await ValidateAudienceAsync(context, audience, cancellationToken);
        var now = time.GetUtcNow();
        var article = new Article
        {
            Id = id ?? Guid.CreateVersion7(),
            State = ArticleState.Draft,
            Title = content.Title,
            Body = content.Body,
            Summary = content.Summary,
            Tags = content.Tags,
            Revision = 1,
            OwnerId = actor.UserId,
            VerifierUserId = actor.UserId == ArticleActor.CommandLineId ? null : actor.UserId,
            VerificationIntervalDays = options.DefaultVerificationIntervalDays,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = actor.UserId,
            Audience = [.. principals.Select(p => new ArticleAudience { Principal = p })],
        };
        context.Articles.Add(article);
        Record(context, article, actor, ArticleAction.Created, now);
        await context.SaveChangesAsync(cancellationToken);
        return article;
    }

    /// <summary>
    /// Saves the working copy when it is still at <paramref name="expectedRevision"/>; otherwise saves
    /// nothing and says who changed it, so the caller keeps the person's text and lets them choose.
    /// Editing a published article opens a new draft; the published version keeps serving.
    /// </summary>
    public async Task<SaveOutcome> SaveDraftAsync(ArticleActor actor, Guid articleId, int expectedRevision, ArticleDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var article = await LoadAsync(context, actor, articleId, cancellationToken);
        if (article.Revision != expectedRevision)
        {
            return new SaveOutcome(Conflict: true, article.Revision, await NameOfAsync(context, article.UpdatedBy, cancellationToken), article.UpdatedAt);
        }
        var content = await ValidateAsync(context, articleId, draft, cancellationToken);
        if (content == new ArticleDraft(article.Title, article.Body, article.Summary, article.Tags))
        {
            return new SaveOutcome(Conflict: false, article.Revision);
        }
        var now = time.GetUtcNow();
        var reopened = article.State != ArticleState.Draft;
        (article.Title, article.Body, article.Summary, article.Tags) = (content.Title, content.Body, content.Summary, content.Tags);
        article.State = ArticleState.Draft;
        Touch(article, actor, now);
        // One trail entry per editing session, not per keystroke of an autosave.
        var last = await context.ArticleEvents.Where(e => e.ArticleId == articleId).OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        if (reopened || last is null || last.Action != ArticleAction.Edited || last.UserId != actor.UserId)
        {
            Record(context, article, actor, ArticleAction.Edited, now);
        }
        else
        {
            last.At = now;
        }
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(articleId, cancellationToken);
        }
        return new SaveOutcome(Conflict: false, article.Revision);
    }

    /// <summary>Asks for a review of the draft.</summary>
    public Task SubmitForReviewAsync(ArticleActor actor, Guid articleId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, cancellationToken, (context, article, now) =>
        {
            Require(article.State == ArticleState.Draft, "Only a draft can be sent for review.");
            Require(article.Body.Trim().Length > 0, "Write the article before asking for a review.");
            article.State = ArticleState.InReview;
            article.SubmittedBy = actor.UserId;
            article.ReviewComment = null;
            Record(context, article, actor, ArticleAction.SubmittedForReview, now);
            return Task.CompletedTask;
        });

    /// <summary>Returns the draft to its author with what to change.</summary>
    public Task SendBackAsync(ArticleActor actor, Guid articleId, string comment, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, cancellationToken, (context, article, now) =>
        {
            Require(article.State == ArticleState.InReview, "Only an article in review can be sent back.");
            Require(!string.IsNullOrWhiteSpace(comment), "Say what should change, so the author knows.");
            article.State = ArticleState.Draft;
            article.ReviewComment = comment.Trim();
            Record(context, article, actor, ArticleAction.SentBack, now, comment: comment.Trim());
            return Task.CompletedTask;
        });

    /// <summary>
    /// Approves the article in review (or, for an administrator, a draft) as a new immutable version,
    /// which replaces the earlier one in search and answers.
    /// </summary>
    public async Task<ArticleVersion> PublishAsync(ArticleActor actor, Guid articleId, CancellationToken cancellationToken)
    {
        ArticleVersion? version = null;
        Article? published = null;
        await ChangeAsync(actor, articleId, cancellationToken, (context, article, now) =>
        {
            CheckMayPublish(actor, article);
            version = new ArticleVersion
            {
                ArticleId = article.Id,
                Number = article.LatestVersion + 1,
                Title = article.Title,
                Body = article.Body,
                Summary = article.Summary,
                Tags = article.Tags,
                PublishedAt = now,
                PublishedBy = actor.UserId,
            };
            context.ArticleVersions.Add(version);
            article.State = ArticleState.Published;
            article.LatestVersion = version.Number;
            article.PublishedVersion = version.Number;
            article.PublishedAt = now;
            article.ReviewComment = null;
            Record(context, article, actor, ArticleAction.Published, now, version.Number);
            published = article;
            return Task.CompletedTask;
        });
        await IndexAsync(published!, version!, cancellationToken);
        return version!;
    }

    /// <summary>Takes the article out of search and answers; its versions stay in its history.</summary>
    public async Task RetireAsync(ArticleActor actor, Guid articleId, CancellationToken cancellationToken)
    {
        Guid? documentId = null;
        await ChangeAsync(actor, articleId, cancellationToken, (context, article, now) =>
        {
            Require(article.State != ArticleState.Retired, "The article is already retired.");
            documentId = article.DocumentId;
            article.State = ArticleState.Retired;
            article.PublishedVersion = null;
            article.DocumentId = null;
            Record(context, article, actor, ArticleAction.Retired, now);
            return Task.CompletedTask;
        });
        if (documentId is { } id)
        {
            await index.WithdrawAsync(id, cancellationToken);
        }
    }

    /// <summary>Confirms the published content is still right; readers see "Verified by … on …" until the next one is due.</summary>
    public Task VerifyAsync(ArticleActor actor, Guid articleId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, cancellationToken, async (context, article, now) =>
        {
            Require(article.PublishedVersion is not null, "Only a published article can be verified.");
            Require(await MayVerifyAsync(context, actor, article, cancellationToken), "Only the article's verifier can verify it.");
            article.LastVerifiedAt = now;
            article.LastVerifiedBy = actor.UserId;
            Record(context, article, actor, ArticleAction.Verified, now, article.PublishedVersion);
        });

    /// <summary>Puts an earlier version's content in the working copy as a draft; it serves only once published again.</summary>
    public Task RestoreAsync(ArticleActor actor, Guid articleId, int versionNumber, CancellationToken cancellationToken) =>
        ChangeAsync(actor, articleId, cancellationToken, async (context, article, now) =>
        {
            var version = await context.ArticleVersions.AsNoTracking()
                .FirstOrDefaultAsync(v => v.ArticleId == articleId && v.Number == versionNumber, cancellationToken)
                ?? throw new ArticleRuleException($"There is no version {versionNumber} of this article.");
            (article.Title, article.Body, article.Summary, article.Tags) = (version.Title, version.Body, version.Summary, version.Tags);
            article.State = ArticleState.Draft;
            Record(context, article, actor, ArticleAction.Restored, now, versionNumber);
        });

    /// <summary>Changes who reads, owns and verifies the article; a published version follows the new audience from the next query on.</summary>
    public async Task UpdateSettingsAsync(ArticleActor actor, Guid articleId, ArticleSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Article? changed = null;
        await ChangeAsync(actor, articleId, cancellationToken, async (context, article, now) =>
        {
            var principals = await ValidateAudienceAsync(context, settings.Audience, cancellationToken);
            Require(settings.VerificationIntervalDays is >= 1 and <= 3650, "The verification interval is between 1 and 3650 days.");
            Require(await context.Users.AnyAsync(u => u.Id == settings.OwnerId, cancellationToken) || settings.OwnerId == article.OwnerId, "The owner is not a person of this portal.");
            if (settings.VerifierUserId is { } verifier)
            {
                Require(await context.Users.AnyAsync(u => u.Id == verifier, cancellationToken), "The verifier is not a person of this portal.");
            }
            if (settings.VerifierGroup is { } group)
            {
                Require(await context.Groups.AnyAsync(g => g.Name == group, cancellationToken), $"There is no group named \"{group}\".");
            }
            context.ArticleAudiences.RemoveRange(article.Audience);
            article.Audience = [.. principals.Select(p => new ArticleAudience { ArticleId = article.Id, Principal = p })];
            article.OwnerId = settings.OwnerId;
            article.VerifierUserId = settings.VerifierUserId;
            article.VerifierGroup = string.IsNullOrWhiteSpace(settings.VerifierGroup) ? null : settings.VerifierGroup;
            article.VerificationIntervalDays = settings.VerificationIntervalDays;
            article.ValidUntil = settings.ValidUntil;
            Record(context, article, actor, ArticleAction.SettingsChanged, now);
            changed = article;
        });
        if (changed!.DocumentId is { } documentId)
        {
            await index.UpdateAccessAsync(documentId, [.. changed.Audience.Select(a => a.Principal)], changed.ValidUntil, cancellationToken);
        }
    }

    /// <summary>Whether <paramref name="actor"/> may verify the article: its verifier, a member of its verifier group, or an administrator.</summary>
    public static async Task<bool> MayVerifyAsync(KnowledgeDbContext context, ArticleActor actor, Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(article);
        if (actor.IsAdmin || article.VerifierUserId == actor.UserId)
        {
            return true;
        }
        return article.VerifierGroup is { } group
            && await context.GroupMemberships.AnyAsync(m => m.UserId == actor.UserId && m.Group!.Name == group, cancellationToken);
    }

    private void CheckMayPublish(ArticleActor actor, Article article)
    {
        if (article.State == ArticleState.Draft && actor.IsAdmin)
        {
            return;
        }
        Require(article.State == ArticleState.InReview, article.State == ArticleState.Published
            ? "This version is already published."
            : "Send the draft for review first; a reviewer publishes it.");
        Require(options.AllowSelfApproval || actor.IsAdmin || article.SubmittedBy != actor.UserId,
            "Someone other than the person who asked for the review approves it.");
    }

    private async Task IndexAsync(Article article, ArticleVersion version, CancellationToken cancellationToken)
    {
        var documentId = await index.PublishAsync(article, version, cancellationToken);
        if (article.DocumentId == documentId)
        {
            return;
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.DocumentId, documentId), cancellationToken);
        article.DocumentId = documentId;
    }

    private async Task ChangeAsync(ArticleActor actor, Guid articleId, CancellationToken cancellationToken, Func<KnowledgeDbContext, Article, DateTimeOffset, Task> change)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var article = await LoadAsync(context, actor, articleId, cancellationToken);
        var now = time.GetUtcNow();
        await change(context, article, now);
        Touch(article, actor, now);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ArticleRuleException("Someone else changed the article meanwhile; reload it and try again.");
        }
    }

    private static void Touch(Article article, ArticleActor actor, DateTimeOffset now)
    {
        article.Revision++;
        article.UpdatedAt = now;
        article.UpdatedBy = actor.UserId;
    }

    private static async Task<Article> LoadAsync(KnowledgeDbContext context, ArticleActor actor, Guid articleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var article = await context.Articles.Include(a => a.Audience).FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        // An article someone may not read looks exactly like one that does not exist.
        if (article is null || !actor.CanRead(article))
        {
            throw new ArticleNotFoundException();
        }
        return article;
    }

    private async Task<SaveOutcome> ConflictAsync(Guid articleId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var current = await context.Articles.AsNoTracking().FirstAsync(a => a.Id == articleId, cancellationToken);
        return new SaveOutcome(Conflict: true, current.Revision, await NameOfAsync(context, current.UpdatedBy, cancellationToken), current.UpdatedAt);
    }

    private async Task<ArticleDraft> ValidateAsync(KnowledgeDbContext context, Guid? articleId, ArticleDraft draft, CancellationToken cancellationToken)
    {
        var title = (draft.Title ?? string.Empty).Trim();
        Require(title.Length > 0, "Give the article a title.");
        Require(title.Length <= 300, "The title is over 300 characters.");
        var body = (draft.Body ?? string.Empty).Replace("\r\n", "\n");
        Require(body.Length <= options.MaxBodyChars,
            $"The article is {FileSizes.Describe(body.Length)}, over the {options.MaxBodyKb} KB limit (setting {ArticlesOptions.SectionName}:MaxBodyKb).");
        var summary = string.IsNullOrWhiteSpace(draft.Summary) ? null : draft.Summary.Trim();
        Require(summary is null || summary.Length <= 1000, "The summary is over 1000 characters.");
        var tags = ArticleTags.Normalize(draft.Tags);
        Require(tags.Length <= 500, "The tags are over 500 characters.");
        var lowered = title.ToLowerInvariant();
        var taken = await context.Articles.AnyAsync(a => a.Id != articleId && a.Title.ToLower() == lowered, cancellationToken);
        Require(!taken, $"Another article is already titled \"{title}\".");
        return new ArticleDraft(title, body, summary, tags);
    }

    private static async Task<IReadOnlyList<string>> ValidateAudienceAsync(KnowledgeDbContext context, IReadOnlyList<string>? audience, CancellationToken cancellationToken)
    {
        var principals = Principals.ParseAudience(audience);
        foreach (var name in Principals.Names(principals.Where(p => p != Principals.Everyone)))
        {
            Require(await context.Groups.AnyAsync(g => g.Name == name, cancellationToken), $"There is no group named \"{name}\".");
        }
        return principals;
    }

    private static async Task<string?> NameOfAsync(KnowledgeDbContext context, string? userId, CancellationToken cancellationToken)
    {
        if (userId is null || userId == ArticleActor.CommandLineId)
        {
            return userId;
        }
        return await context.Users.Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.Email).FirstOrDefaultAsync(cancellationToken);
    }

    private static void Record(KnowledgeDbContext context, Article article, ArticleActor actor, ArticleAction action, DateTimeOffset now, int? version = null, string? comment = null) =>
        context.ArticleEvents.Add(new ArticleEvent { ArticleId = article.Id, At = now, UserId = actor.UserId, Action = action, Version = version, Comment = comment });

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArticleRuleException(message);
        }
    }
}
