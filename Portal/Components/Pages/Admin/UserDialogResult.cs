namespace KnowledgePortal.Portal.Components.Pages.Admin;

/// <summary>What the user dialog collected. <paramref name="Password"/> is null when one should be generated.</summary>
public sealed record UserDialogResult(string Email, string? DisplayName, string Role, IReadOnlyList<string> Groups, string? Password);
