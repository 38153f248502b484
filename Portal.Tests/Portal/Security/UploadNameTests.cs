using System.Text;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Portal.Security;

/// <summary>
/// Upload names are data from the uploader: through the real intake, a name never becomes a path.
/// The stored name has no directory parts, and the original is stored under its hash only.
/// </summary>
public sealed class UploadNameTests
{
    [Theory]
    [InlineData("../../etc/passwd.md", "passwd.md")]
    [InlineData("..\\..\\Windows\\System32\\evil.md", "evil.md")]
    [InlineData("/absolute/path/notes.md", "notes.md")]
    [InlineData("reports/../../../../tmp/escape.md", "escape.md")]
    [InlineData("..", "untitled")]
    [InlineData("bell\u0007and\u0000null.md", "bellandnull.md")]
    public async Task A_hostile_name_is_stored_without_directories_and_the_file_by_its_hash(string uploaded, string stored)
    {
        await using var knowledgeBase = await TestKnowledgeBase.CreateAsync();
        var content = Encoding.UTF8.GetBytes($"# Upload\n\nA document uploaded as {Guid.NewGuid()}.");
        var outside = Path.GetFullPath(Path.Combine(knowledgeBase.DataDir, "..", "..", "etc", "passwd.md"));
        var existedBefore = File.Exists(outside);

        var result = await knowledgeBase.Intake.SubmitAsync(new DocumentSubmission(uploaded, content), TestContext.Current.CancellationToken);

        Assert.Equal(stored, result.Name);
        var document = await knowledgeBase.DocumentAsync(result.DocumentId!.Value);
        Assert.Equal(stored, document.Name);
        Assert.DoesNotContain('/', document.Name);
        Assert.DoesNotContain('\\', document.Name);
        var hash = OriginalFileStore.HashOf(content);
        var files = Directory.EnumerateFiles(knowledgeBase.DataDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(knowledgeBase.DataDir, f))
            .Where(f => f.StartsWith("originals", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(Path.Combine("originals", hash[..2], hash), Assert.Single(files));
        Assert.Equal(existedBefore, File.Exists(outside));
    }
}
