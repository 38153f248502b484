using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using KnowledgePortal.Ingestion.Pipeline;
using KnowledgePortal.Portal.Hosting;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Identity;
using KnowledgePortal.Shared.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KnowledgePortal.Bench;

/// <summary>
/// The portal under load: the real portal started in-process on a loopback port (composed by PortalApp, as
/// the tests' PortalHost does), the corpus ingested by its own worker, then N concurrent clients asking
/// corpus questions on /api/ask for a fixed time, each reading the event stream as it arrives; and the
/// memory that each open Blazor circuit (a browser tab on the Ask page) costs the server.
/// </summary>
internal static partial class PortalBenchmark
{
    private const string AdminEmail = "admin@bench.local";
    private const string Password = "Bench-password-1";
    private const string Heading = ResultsFile.PortalHeading;

    public static async Task RunAsync(BenchArguments arguments)
    {
        var dataDir = Directory.CreateTempSubdirectory("kp-bench-portal-").FullName;
        try
        {
            var app = await StartPortalAsync(dataDir);
            try
            {
                var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                var ingested = await IngestCorpusAsync(app.Services, arguments.Corpus);
                Console.WriteLine($"portal at {baseAddress}; corpus ingested: {ingested}");
                var questions = (await CorpusQuestions.AnswerableAsync(arguments.Corpus, CancellationToken.None)).Select(q => q.Question).ToList();

                var load = await RunAskLoadAsync(app.Services, baseAddress, questions, arguments.Clients, TimeSpan.FromSeconds(arguments.DurationSeconds));
                Console.WriteLine(load.Summary());
                var circuits = await MeasureCircuitsAsync(baseAddress, arguments.Circuits);
                Console.WriteLine(circuits.Summary());

                var section = Markdown(arguments, ingested, load, circuits);
                Console.WriteLine(section);
                if (arguments.OutputFile is not null)
                {
                    await WriteSectionAsync(arguments.OutputFile, section);
                    Console.WriteLine($"wrote the {Heading} section of {arguments.OutputFile}");
                }
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<WebApplication> StartPortalAsync(string dataDir)
    {
        var builder = PortalApp.CreateBuilder([], new WebApplicationOptions
        {
            // The static web assets (MudBlazor, blazor.web.js) are found by the portal's assembly name.
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = Path.Combine(BenchArguments.RepositoryRoot(), "Portal"),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KnowledgePortal:DataDir"] = dataDir,
            ["KnowledgePortal:Admin:Email"] = AdminEmail,
            ["KnowledgePortal:Admin:Password"] = Password,
            ["KnowledgePortal:Ingestion:PollSeconds"] = "0.2",
            // The load test measures the answer path, not the per-person limit (20 a minute by default).
            ["KnowledgePortal:RateLimits:AsksPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var app = PortalApp.Build(builder);
        await app.StartAsync();
        return app;
    }

    private static async Task<string> IngestCorpusAsync(IServiceProvider services, string corpus)
    {
        var intake = services.GetRequiredService<DocumentIntake>();
        foreach (var file in Directory.EnumerateFiles(corpus).Where(f => f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).Order())
        {
            await intake.SubmitFileAsync(file, null, CancellationToken.None);
        }
        var contextFactory = services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>();
        while (true)
        {
            await using var context = await contextFactory.CreateDbContextAsync();
            if (!await context.Documents.AnyAsync(d => d.Status == DocumentStatus.Queued || d.Status == DocumentStatus.Processing))
            {
                return $"{await context.Documents.CountAsync(d => d.Status == DocumentStatus.Ready)} documents, {await context.Chunks.CountAsync()} chunks";
            }
            await Task.Delay(250);
        }
    }

    private static async Task<LoadResult> RunAskLoadAsync(IServiceProvider services, Uri baseAddress, IReadOnlyList<string> questions, int clients, TimeSpan duration)
    {
        var users = await CreateUsersAsync(services, clients);
        var signedIn = new List<HttpClient>();
        foreach (var email in users)
        {
            signedIn.Add(await SignInAsync(baseAddress, email));
        }
        // One warm-up answer, not counted: the first one pays for JIT and the model's first run.
        await AskOnceAsync(signedIn[0], questions[0], Stopwatch.GetTimestamp());

        var result = new LoadResult(clients, duration);
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = signedIn.Select((client, index) => Task.Run(async () =>
        {
            var next = index;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var question = questions[next++ % questions.Count];
                result.Record(await AskOnceAsync(client, question, Stopwatch.GetTimestamp()));
            }
        })).ToList();
        await Task.WhenAll(workers);
        foreach (var client in signedIn)
        {
            client.Dispose();
        }
        return result;
    }

    /// <summary>One question, reading the events as they arrive: the time to the first delta and to done.</summary>
    private static async Task<AskTiming> AskOnceAsync(HttpClient client, string question, long started)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question }) };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return AskTiming.Failed($"HTTP {(int)response.StatusCode}");
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
            TimeSpan? firstDelta = null;
            while (await reader.ReadLineAsync() is { } line)
            {
                switch (line)
                {
                    case "event: delta":
                        firstDelta ??= Stopwatch.GetElapsedTime(started);
                        break;
                    case "event: error":
                        return AskTiming.Failed("error event");
                    case "event: done":
                        return new AskTiming(true, firstDelta, Stopwatch.GetElapsedTime(started), null);
                }
            }
            return AskTiming.Failed("stream ended without done");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return AskTiming.Failed(e.GetType().Name);
        }
    }

    private static async Task<List<string>> CreateUsersAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"client{i:00}@bench.local";
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"client {i}", CreatedAt = DateTimeOffset.UtcNow };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, PortalRoles.Employee);
            emails.Add(email);
        }
        return emails;
    }

    /// <summary>Signs in through the real sign-in form and keeps the cookie, as a browser does.</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string email)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var form = await client.GetStringAsync("/account/sign-in");
        var token = AntiforgeryInput().Match(form);
        using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["_handler"] = "sign-in",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {email} failed: HTTP {(int)response.StatusCode}");
        }
        return client;
    }

    /// <summary>
    /// Opens <paramref name="count"/> tabs on the Ask page (one Blazor circuit each) and compares the server's
    /// live managed heap and working set, after full collections, before and after.
    /// </summary>
    private static async Task<CircuitResult> MeasureCircuitsAsync(Uri baseAddress, int count)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/sign-in");
        await signIn.FillAsync("#email", AdminEmail);
        await signIn.FillAsync("#password", Password);
        await signIn.ClickAsync("[data-testid=sign-in]");
        await signIn.Locator("#app-ready[data-ready='1']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await signIn.GotoAsync("/account/sign-in"); // leaves the Ask page: only the measured tabs hold circuits
        await Task.Delay(1000);

        var (heapBefore, workingSetBefore) = Measure();
        var pages = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.Locator("#app-ready[data-ready='1']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            pages.Add(page);
        }
        await Task.Delay(1000);
        var (heapAfter, workingSetAfter) = Measure();
        await context.CloseAsync();
        return new CircuitResult(count, heapBefore, heapAfter, workingSetBefore, workingSetAfter);
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static string Markdown(BenchArguments arguments, string ingested, LoadResult load, CircuitResult circuits)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(Heading);
        md.AppendLine();
        md.AppendLine(c, $"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(c, $"- machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; portal, clients and Chromium on the same machine");
        md.AppendLine(c, $"- command: `{arguments.CommandLine.Trim()}`");
        md.AppendLine(c, $"- portal in-process (PortalApp, SQLite, local MiniLM embedder, extractive answers, workstation GC), corpus `{Path.GetFileName(arguments.Corpus)}`: {ingested}; per-person ask limit raised for the run");
        md.AppendLine();
        md.AppendLine("| figure | value | target |");
        md.AppendLine("| --- | --- | --- |");
        md.AppendLine(c, $"| /api/ask, {load.Clients} concurrent clients for {load.Duration.TotalSeconds:0} s: answers / errors | {load.Succeeded} / {load.Errors}{load.ErrorKinds()} | 0 errors |");
        md.AppendLine(c, $"| answers per second | {load.Succeeded / load.Duration.TotalSeconds:0.0} | |");
        md.AppendLine(c, $"| time to the first delta p50 / p95 | {load.FirstDelta.Percentile(50):0} / {load.FirstDelta.Percentile(95):0} ms | |");
        md.AppendLine(c, $"| time to done p50 / p95 | {load.Done.Percentile(50):0} / {load.Done.Percentile(95):0} ms | |");
        md.AppendLine(c, $"| memory per open Blazor circuit (Ask page), live managed heap | {circuits.HeapPerCircuit / 1024.0:0} KiB | reported |");
        md.AppendLine(c, $"| memory per open Blazor circuit, process working set | {circuits.WorkingSetPerCircuit / 1024.0:0} KiB | reported |");
        md.AppendLine();
        md.AppendLine(c, $"Circuits: {circuits.Count} tabs opened on the Ask page; heap {circuits.HeapBefore / 1048576.0:0.0} → {circuits.HeapAfter / 1048576.0:0.0} MiB, working set {circuits.WorkingSetBefore / 1048576.0:0} → {circuits.WorkingSetAfter / 1048576.0:0} MiB after full collections.");
        return md.ToString();
    }

    /// <summary>Replaces the Portal section of the results file (or appends it), keeping the rest as it is.</summary>
    private static async Task WriteSectionAsync(string path, string section)
    {
        var existing = ResultsFile.Without(File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty, Heading);
        await File.WriteAllTextAsync(path, existing.TrimEnd() + Environment.NewLine + Environment.NewLine + section);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__RequestVerificationToken"[^>]*""")]
    private static partial Regex AntiforgeryInput();

    private sealed record AskTiming(bool Succeeded, TimeSpan? FirstDelta, TimeSpan Done, string? Error)
    {
        public static AskTiming Failed(string error) => new(false, null, TimeSpan.Zero, error);
    }

    private sealed class LoadResult(int clients, TimeSpan duration)
    {
        private readonly ConcurrentDictionary<string, int> errorKinds = new();
        private readonly Lock gate = new();

        public int Clients { get; } = clients;
        public TimeSpan Duration { get; } = duration;
        public int Succeeded { get; private set; }
        public int Errors { get; private set; }
        public Latencies FirstDelta { get; } = new();
        public Latencies Done { get; } = new();

        public void Record(AskTiming timing)
        {
            lock (gate)
            {
                if (!timing.Succeeded)
                {
                    Errors++;
                    errorKinds.AddOrUpdate(timing.Error!, 1, (_, n) => n + 1);
                    return;
                }
                Succeeded++;
                if (timing.FirstDelta is { } first)
                {
                    FirstDelta.Add(first);
                }
                Done.Add(timing.Done);
            }
        }

        public string ErrorKinds() => errorKinds.IsEmpty ? string.Empty : " (" + string.Join(", ", errorKinds.Select(e => $"{e.Key}: {e.Value}")) + ")";

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"/api/ask: {Succeeded} answers, {Errors} errors{ErrorKinds()}; first delta p50 {FirstDelta.Percentile(50):0} ms p95 {FirstDelta.Percentile(95):0} ms; done p50 {Done.Percentile(50):0} ms p95 {Done.Percentile(95):0} ms");
    }

    private sealed record CircuitResult(int Count, long HeapBefore, long HeapAfter, long WorkingSetBefore, long WorkingSetAfter)
    {
        public double HeapPerCircuit => (HeapAfter - HeapBefore) / (double)Count;

        public double WorkingSetPerCircuit => (WorkingSetAfter - WorkingSetBefore) / (double)Count;

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"circuits: {Count}; per circuit {HeapPerCircuit / 1024:0} KiB managed heap, {WorkingSetPerCircuit / 1024:0} KiB working set");
    }
}
