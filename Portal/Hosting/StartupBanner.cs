using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KnowledgePortal.Portal.Hosting;

/// <summary>Tells whoever started the portal where to open it and which data directory it serves.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var dataDirectory = app.Services.GetRequiredService<DataDirectory>().Root;
        Console.WriteLine();
        Console.WriteLine($"KnowledgePortal is running at {string.Join(", ", addresses)}");
        Console.WriteLine($"Data directory: {dataDirectory}  (add documents: dotnet run --project Ingestion -- ingest PATH --data \"{dataDirectory}\")");
        Console.WriteLine();
    }
}
