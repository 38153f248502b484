using System.CommandLine;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp ask "QUESTION" [--json]`: a short answer with numbered citations, or "not found".</summary>
internal static class AskCommand
{
    private static readonly Argument<string> Question = new("question") { Description = "The question, in plain language" };

    public static Command Create()
    {
        var command = new Command("ask", "Answer a question from the knowledge base, with citations");
        command.Arguments.Add(Question);
        command.Options.Add(CallerOptions.Groups);
        command.Options.Add(KpOptions.Json);
        command.SetAction(async (result, cancellationToken) =>
        {
            var question = result.GetValue(Question);
            if (string.IsNullOrWhiteSpace(question))
            {
                throw new UsageException("the question is empty");
            }
            if (QueryLength.Problem("question", question) is { } tooLong)
            {
                throw new UsageException(tooLong);
            }
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), result.GetValue(KpOptions.Verbose), cancellationToken);
            await CallerOptions.WarnIfModelChangedAsync(host.Services, cancellationToken);
            var filter = await CallerOptions.FilterAsync(result, host.Services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>(), cancellationToken);
            var answer = await host.Services.GetRequiredService<QuestionAnswerer>().AskAsync(question, filter, cancellationToken);
            if (result.GetValue(KpOptions.Json))
            {
                CliJson.WriteLine(new
                {
                    answer = answer.Text,
                    notFound = answer.NotFound,
                    notice = answer.Notice,
                    citations = answer.Citations.Select(c => new
                    {
                        n = c.Number,
                        document = c.Passage.DocumentName,
                        pageStart = c.Passage.PageStart,
                        pageEnd = c.Passage.PageEnd,
                        quote = c.Quote,
                    }),
                });
                return KpProgram.Success;
            }
            AnsiConsole.WriteLine(answer.Text);
            if (answer.Notice is not null)
            {
                // e.g. the chat model was unreachable and the documents are quoted instead
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(answer.Notice)}[/]");
            }
            if (answer.Citations.Count > 0)
            {
                AnsiConsole.WriteLine();
                foreach (var citation in answer.Citations)
                {
                    var p = citation.Passage;
                    var pages = p.PageStart == p.PageEnd ? $"page {p.PageStart}" : $"pages {p.PageStart}-{p.PageEnd}";
                    AnsiConsole.MarkupLine($"[bold][[{citation.Number}]][/] {Markup.Escape(p.DocumentName)}, {pages}" +
                        (p.HeadingPath is null ? string.Empty : $" [grey]({Markup.Escape(p.HeadingPath)})[/]"));
                }
            }
            return KpProgram.Success;
        });
        return command;
    }
}
