namespace KnowledgePortal.Portal.Security;

/// <summary>
/// Where the portal tells its operator things that must never reach the logs (a generated one-time
/// password): the console only. Logs are shipped, kept and read by others; a terminal is not.
/// </summary>
public sealed class OperatorConsole(TextWriter writer)
{
    public void WriteLines(params string[] lines)
    {
        // One write, so lines of two starting hosts cannot interleave.
        writer.Write(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        writer.Flush();
    }
}
