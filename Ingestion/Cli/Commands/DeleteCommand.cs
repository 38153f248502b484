using System.CommandLine;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp delete ID|NAME`: removes a document from the database, both indexes and the stored originals.</summary>
internal static class DeleteCommand
{
    private static readonly Argument<string> Document = new("document") { Description = "Document id (or its first 12 characters) or name" };

    public static Command Create()
    {
        var command = new Command("delete", "Delete a document and everything indexed from it");
        command.Arguments.Add(Document);
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            var contextFactory = host.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
            Guid id;
            string name;
            await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                id = await DocumentLookup.ResolveAsync(context, result.GetValue(Document)!, cancellationToken);
                name = await context.Documents.Where(d => d.Id == id).Select(d => d.Name).FirstAsync(cancellationToken);
            }
            await host.Services.GetRequiredService<DocumentRemover>().DeleteAsync(id, cancellationToken);
            Console.WriteLine($"Deleted {name} ({id:N}).");
            return KpProgram.Success;
        });
        return command;
    }
}
