using System.CommandLine;
using System.Globalization;
using KnowledgePortal.Ingestion.Articles;
using KnowledgePortal.Shared.Articles;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>
/// `kp articles list|publish|retire|import|export`: knowledge articles from the command line, as the
/// machine's operator (an administrator: publishing needs no review).
/// </summary>
internal static class ArticlesCommand
{
    public static Command Create()
    {
        var command = new Command("articles", "List, publish, retire, import and export knowledge articles");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Lifecycle("publish", "Publish an article's working copy as a new version (no review needed)", async (workflow, id, ct) =>
        {
            var version = await workflow.PublishAsync(ArticleActor.CommandLine, id, ct);
            return $"published version {version.Number}";
        }));
        command.Subcommands.Add(Lifecycle("retire", "Take an article out of search and answers", async (workflow, id, ct) =>
        {
            await workflow.RetireAsync(ArticleActor.CommandLine, id, ct);
            return "retired";
        }));
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List articles: id, title, state, version and verification");
        command.Options.Add(KpOptions.Json);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var articles = await host.Services.GetRequiredService<ArticleCatalog>().ListAsync(ArticleActor.CommandLine, null, cancellationToken);
            var sorted = articles.OrderBy(a => a.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
            if (result.GetValue(KpOptions.Json))
            {
                CliJson.WriteLine(sorted.Select(a => new
                {
                    id = a.Id,
                    title = a.Title,
                    state = ArticleFile.StateName(a.State),
                    version = a.PublishedVersion,
                    unpublishedChanges = a.HasUnpublishedChanges,
                    verified = a.LastVerifiedAt is not null && !a.NeedsReview,
                    lastVerifiedAt = a.LastVerifiedAt,
                    verificationDue = a.VerificationDue,
                    needsReview = a.NeedsReview,
                    validUntil = a.ValidUntil,
                    expired = a.Expired,
                    audience = a.Audience,
                    tags = a.Tags,
                }));
                return KpProgram.Success;
            }
            if (sorted.Count == 0)
            {
                AnsiConsole.MarkupLine("No articles yet. Import a folder of Markdown files with [bold]kp articles import DIR[/], or write one in the portal.");
                return KpProgram.Success;
            }
            var table = new ConsoleTable().Column("Id").NameColumn("Title").Column("State").Column("Version", rightAligned: true).Column("Verified");
            foreach (var a in sorted)
            {
                table.Row(
                    DocumentLookup.ShortId(a.Id),
                    a.Title,
                    ArticleFile.StateName(a.State) + (a.Expired ? " [red](expired)[/]" : string.Empty) + (a.HasUnpublishedChanges ? " (changes not published)" : string.Empty),
                    a.PublishedVersion?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    a.NeedsReview ? "[yellow]needs review[/]" : a.LastVerifiedAt is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-");
            }
            table.Write();
            return KpProgram.Success;
        });
        return command;
    }

    private static Command Lifecycle(string name, string description, Func<ArticleWorkflow, Guid, CancellationToken, Task<string>> action)
    {
        var idArgument = new Argument<string>("id") { Description = "The article's id (as kp articles list shows it, or the full id) or its exact title" };
        var command = new Command(name, description);
        command.Arguments.Add(idArgument);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var id = await ResolveAsync(host, result.GetValue(idArgument)!, cancellationToken);
            var done = await action(host.Services.GetRequiredService<ArticleWorkflow>(), id, cancellationToken);
            // Publishing queues the article for indexing: index it now, so it is searchable when kp returns.
            await host.Services.GetRequiredService<Pipeline.IngestionWorker>().RunUntilIdleAsync(cancellationToken);
            AnsiConsole.MarkupLine($"{Markup.Escape(result.GetValue(idArgument)!)}: {done}");
            return KpProgram.Success;
        });
        return command;
    }

    private static Command Import()
    {
        var directory = new Argument<string>("dir") { Description = "Folder of Markdown files with YAML front matter (title, tags, audience, owner, verifier, state)" };
        var command = new Command("import", "Import a folder of article files; a file with a problem is reported with its line and the others are imported");
        command.Arguments.Add(directory);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var imported = await host.Services.GetRequiredService<ArticleFolder>().ImportAsync(result.GetValue(directory)!, cancellationToken);
            await host.Services.GetRequiredService<Pipeline.IngestionWorker>().RunUntilIdleAsync(cancellationToken);
            foreach (var file in imported)
            {
                if (file.Failed)
                {
                    await Console.Error.WriteLineAsync($"kp: {file}");
                }
                else
                {
                    AnsiConsole.MarkupLine(Markup.Escape(file.ToString()));
                }
            }
            var failed = imported.Count(f => f.Failed);
            AnsiConsole.MarkupLine($"{imported.Count - failed} imported, {failed} failed");
            return failed == 0 ? KpProgram.Success : KpProgram.Failure;
        });
        return command;
    }

    private static Command Export()
    {
        var directory = new Argument<string>("dir") { Description = "Folder to write one Markdown file per article into" };
        var command = new Command("export", "Write every article as a Markdown file with YAML front matter (what import reads)");
        command.Arguments.Add(directory);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var written = await host.Services.GetRequiredService<ArticleFolder>().ExportAsync(result.GetValue(directory)!, cancellationToken);
            AnsiConsole.MarkupLine($"{written.Count} article(s) written to {Markup.Escape(Path.GetFullPath(result.GetValue(directory)!))}");
            return KpProgram.Success;
        });
        return command;
    }

    /// <summary>An article by full id, by the short id `kp articles list` shows, or by exact title.</summary>
    private static async Task<Guid> ResolveAsync(IHost host, string idOrTitle, CancellationToken cancellationToken)
    {
        await using var context = await host.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync(cancellationToken);
        var all = await context.Articles.AsNoTracking().Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken);
        var matches = Guid.TryParse(idOrTitle, out var id)
            ? all.Where(a => a.Id == id).ToList()
            : all.Where(a => a.Id.ToString("N").EndsWith(idOrTitle, StringComparison.OrdinalIgnoreCase) && idOrTitle.Length >= 6).ToList();
        if (matches.Count == 0)
        {
            matches = [.. all.Where(a => string.Equals(a.Title, idOrTitle, StringComparison.OrdinalIgnoreCase))];
        }
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw new InvalidOperationException($"no article with id or title '{idOrTitle}' (see kp articles list)"),
            _ => throw new InvalidOperationException($"'{idOrTitle}' matches {matches.Count} articles; use the full id"),
        };
    }
}
