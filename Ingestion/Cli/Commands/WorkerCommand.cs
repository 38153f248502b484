using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KnowledgePortal.Ingestion.Cli.Commands;

/// <summary>`kp worker`: processes queued jobs until stopped; run several on a shared database to scale out.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Process queued ingestion jobs until stopped (Ctrl+C)");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await KpServices.StartAsync(result.GetValue(KpOptions.Data), verbose: true, cancellationToken, withWorker: true);
            Console.Error.WriteLine("kp worker: processing jobs; press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the host so running jobs return to the queue.
            }
            await host.StopAsync(CancellationToken.None);
            _ = host.Services.GetService<IHostApplicationLifetime>();
            return KpProgram.Success;
        });
        return command;
    }
}
