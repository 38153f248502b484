using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>
/// The portal as a person starts it: a separate process from <c>dotnet run</c> (with or without the launch
/// profile) or from a published folder, in a working directory of the test's choosing. Ready once it printed
/// its start-up banner, which names the address and the data directory it serves.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    /// <summary>A port of its own on the command line (which wins over the launch profile's 5080, maybe taken by a portal someone runs here).</summary>
    private static readonly string[] FreePort = ["--urls", "http://127.0.0.1:0"];

    private PortalProcess(Process process) => this.process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory { get; private set; } = null!;

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The test run's build configuration (Debug or Release), so `dotnet run --no-build` finds the same build.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string PortalProjectFolder
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "Portal");
                if (File.Exists(Path.Combine(candidate, "Portal.csproj")))
                {
                    return candidate;
                }
            }
            throw new DirectoryNotFoundException("The Portal project folder was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>`dotnet run --project Portal --no-build` from <paramref name="workingDirectory"/>, on a free loopback port.</summary>
    public static Task<PortalProcess> DotnetRunAsync(
        string workingDirectory, IDictionary<string, string> environment, bool launchProfile = true, params string[] arguments)
    {
        List<string> command = ["run", "--project", Path.Combine(PortalProjectFolder, "Portal.csproj"), "--no-build", "-c", Configuration];
        if (!launchProfile)
        {
            command.Add("--no-launch-profile");
        }
        command.Add("--");
        command.AddRange(FreePort);
        command.AddRange(arguments);
        return StartAsync(workingDirectory, environment, command);
    }

    /// <summary>`dotnet KnowledgePortal.Portal.dll` from a published folder.</summary>
    public static Task<PortalProcess> PublishedAsync(string publishFolder, string workingDirectory, IDictionary<string, string> environment) =>
        StartAsync(workingDirectory, environment, [Path.Combine(publishFolder, "KnowledgePortal.Portal.dll"), .. FreePort]);

    /// <summary>`dotnet publish` of the portal from the test run's own build, into <paramref name="folder"/>.</summary>
    public static async Task PublishAsync(string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", Path.Combine(PortalProjectFolder, "Portal.csproj"), "--no-build", "-c", Configuration, "-o", folder })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");
    }

    private static async Task<PortalProcess> StartAsync(string workingDirectory, IDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var portal = new PortalProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the portal"));
        await portal.WaitForBannerAsync();
        return portal;
    }

    private async Task WaitForBannerAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            if (RunningAt().Match(line) is { Success: true } address)
            {
                BaseAddress = new Uri(address.Groups[1].Value.Split(',')[0].Trim());
            }
            if (DataDirectoryLine().Match(line) is { Success: true } data)
            {
                DataDirectory = data.Groups[1].Value;
                ready.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        if (finished != ready.Task)
        {
            throw new InvalidOperationException($"The portal did not start (exited: {process.HasExited}):\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.Dispose();
    }

    [GeneratedRegex(@"^KnowledgePortal is running at (.+)$")]
    private static partial Regex RunningAt();

    [GeneratedRegex(@"^Data directory: (.+?)  \(")]
    private static partial Regex DataDirectoryLine();
}
