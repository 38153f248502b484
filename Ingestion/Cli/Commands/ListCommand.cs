using System.CommandLine;
using System.Globalization;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp list [--json]`: the documents, their status and size in the index.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List documents with their status");
        command.Options.Add(KpOptions.Json);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var contextFactory = host.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            // Articles are listed by `kp articles list`; their documents are how they are indexed.
            var documents = await context.Documents.AsNoTracking().Include(d => d.Audience).Where(d => d.ArticleId == null).OrderBy(d => d.Name).ToListAsync(cancellationToken);
            var rows = documents.Select(d => new
            {
                id = d.Id,
                name = d.Name,
                title = d.Title,
                kind = d.Kind?.ToString().ToLowerInvariant(),
                status = d.Status.ToString().ToLowerInvariant(),
                pages = d.PageCount,
                chunks = d.ChunkCount,
                sizeBytes = d.SizeBytes,
                audience = d.Audience.Select(a => a.Principal).Order().ToList(),
                indexedAt = d.IndexedAt,
                error = d.Error,
                warning = d.Warning,
                sourcePath = d.SourcePath,
            }).ToList();
            if (result.GetValue(KpOptions.Json))
            {
                CliJson.WriteLine(rows);
                return KpProgram.Success;
            }
            if (rows.Count == 0)
            {
                AnsiConsole.MarkupLine("No documents yet. Add some with [bold]kp ingest PATH[/].");
                return KpProgram.Success;
            }
            var table = new ConsoleTable()
                .Column("Id").NameColumn("Name").Column("Status").Column("Pages", rightAligned: true)
                .Column("Chunks", rightAligned: true).Column("Audience");
            foreach (var d in documents)
            {
                table.Row(
                    DocumentLookup.ShortId(d.Id),
                    d.Name,
                    d.Status == DocumentStatus.Failed ? "[red]failed[/]" : d.Status.ToString().ToLowerInvariant(),
                    d.PageCount.ToString(CultureInfo.InvariantCulture),
                    d.ChunkCount.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(Principals.Describe(d.Audience.Select(a => a.Principal))));
            }
            table.Write();
            foreach (var d in documents.Where(d => d.Status == DocumentStatus.Failed))
            {
                AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(d.Name)}: {Markup.Escape(d.Error ?? "no reason recorded")}");
            }
            foreach (var d in documents.Where(d => d.Status == DocumentStatus.Ready && d.Warning is not null))
            {
                AnsiConsole.MarkupLine($"[yellow]ready[/] {Markup.Escape(d.Name)}, {Markup.Escape(d.Warning!)}");
            }
            return KpProgram.Success;
        });
        return command;
    }
}
