using KnowledgePortal.Shared.Documents;
using MudBlazor;

namespace KnowledgePortal.Portal.Components.Pages.Admin;

/// <summary>What became of one uploaded file, shown under the upload button.</summary>
/// <param name="PendingDocument">The document still being processed, so the message follows it to Ready or Failed.</param>
public sealed record UploadOutcome(string FileName, Severity Severity, string Message, Guid? PendingDocument = null)
{
    /// <summary>The outcome once the worker is done with the document; itself while it is still queued or processing.</summary>
    public UploadOutcome Settle(DocumentStatus status, string? error) => status switch
    {
        DocumentStatus.Ready => new UploadOutcome(FileName, Severity.Success, $"{FileName} is ready: it is searchable now."),
        DocumentStatus.Failed => new UploadOutcome(FileName, Severity.Error, $"{FileName} could not be processed: {error ?? "see its row for the reason"}"),
        _ => this,
    };
}
