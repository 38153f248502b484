using MudBlazor;

namespace KnowledgePortal.Portal.Components.Pages.Admin;

/// <summary>What became of one uploaded file, shown under the upload button.</summary>
public sealed record UploadOutcome(string FileName, Severity Severity, string Message);
