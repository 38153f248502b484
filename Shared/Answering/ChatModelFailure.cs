namespace KnowledgePortal.Shared.Answering;

/// <summary>Describes a chat model failure for the log, without the API key.</summary>
/// <remarks>
/// Provider exceptions often quote the server's response body or the request URL, and some servers
/// echo the credential they rejected; the exception object (and its message) is therefore never
/// logged as is.
/// </remarks>
internal static class ChatModelFailure
{
    private const string Redacted = "***";

    public static string Describe(Exception exception, ChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 3; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message.Trim()}");
        }
        var description = string.Join(" ---> ", parts);
        return string.IsNullOrEmpty(options.ApiKey)
            ? description
            : description.Replace(options.ApiKey, Redacted, StringComparison.Ordinal);
    }
}
