using System.Text;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Tests.Portal.Security;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Tests.Shared.Articles;

public class ArticleImagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("")]
    public async Task Anything_but_a_raster_image_is_refused_with_a_reason_whatever_its_name(string content)
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var article = await kb.Services.GetRequiredService<ArticleWorkflow>().CreateAsync(ArticleActor.CommandLine, new ArticleDraft("Charts", "Text"), null, Ct);

        var refused = await Assert.ThrowsAsync<ArticleRuleException>(() =>
            kb.Services.GetRequiredService<ArticleImages>().AddAsync(ArticleActor.CommandLine, article.Id, "chart.png", Encoding.UTF8.GetBytes(content), Ct));

        Assert.Contains("Only PNG, JPEG, GIF and WebP", refused.Message);
    }

    [Fact]
    public async Task An_image_is_for_the_articles_editors_and_for_readers_only_once_it_is_published_for_them()
    {
        await using var kb = await TestKnowledgeBase.CreateAsync();
        var workflow = kb.Services.GetRequiredService<ArticleWorkflow>();
        var images = kb.Services.GetRequiredService<ArticleImages>();
        var article = await workflow.CreateAsync(ArticleActor.CommandLine, new ArticleDraft("Floor plan", "See the plan."), null, Ct);

        var markdown = await images.AddAsync(ArticleActor.CommandLine, article.Id, "plan [v2].png", LeakFixture.Png, Ct);

        Assert.StartsWith("![plan (v2)](/articles/", markdown, StringComparison.Ordinal);
        var imageId = Guid.Parse(markdown[^37..^1]);
        var editor = new ArticleActor("someone", IsAdmin: false, Principals.EveryoneOnly);
        Assert.NotNull(await images.FindAsync(article.Id, imageId, Principals.EveryoneOnly, editor, Ct));
        Assert.Null(await images.FindAsync(article.Id, imageId, Principals.EveryoneOnly, editor: null, Ct)); // a draft's image is not for readers
        await workflow.PublishAsync(ArticleActor.CommandLine, article.Id, Ct);
        var found = await images.FindAsync(article.Id, imageId, Principals.EveryoneOnly, editor: null, Ct);
        Assert.Equal("image/png", found!.Value.Image.ContentType);
        Assert.Equal(LeakFixture.Png, await File.ReadAllBytesAsync(found.Value.Path, Ct));
        Assert.Null(await images.FindAsync(Guid.NewGuid(), imageId, Principals.EveryoneOnly, editor, Ct));
        await Assert.ThrowsAsync<ArticleRuleException>(() => images.AddAsync(ArticleActor.CommandLine, article.Id, "huge.png", new byte[ArticleImages.MaxBytes + 1], Ct));
    }
}
