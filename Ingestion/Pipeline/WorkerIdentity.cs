using System.Diagnostics;
using System.Globalization;

namespace KnowledgePortal.Ingestion.Pipeline;

/// <summary>
/// Names the process holding a job: machine, process id and process start time. A worker restarting
/// on the same machine recognises jobs held by a dead process and resumes them at once instead of
/// waiting for their heartbeat to go stale.
/// </summary>
public sealed class WorkerIdentity
{
    public WorkerIdentity()
    {
        using var process = Process.GetCurrentProcess();
        Id = Format(Environment.MachineName, process.Id, process.StartTime.ToUniversalTime().Ticks);
    }

    public string Id { get; }

    /// <summary>True when <paramref name="workerId"/> names a process on this machine that no longer runs.</summary>
    public static bool IsDeadLocalWorker(string? workerId)
    {
        if (workerId is null)
        {
            return false;
        }
        var parts = workerId.Split('|');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks))
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks != startTicks; // the pid was reused
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // exited
        }
    }

    private static string Format(string machine, int pid, long startTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{machine}|{pid}|{startTicks}");
}
