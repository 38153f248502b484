using MudBlazor;

namespace KnowledgePortal.Portal.Components.Shared;

/// <summary>The one way the portal asks "are you sure?": <see cref="ConfirmDialog"/> with Cancel focused and Escape cancelling.</summary>
public static class ConfirmDialogExtensions
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText, bool destructive = true)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.Destructive, destructive },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true, DefaultFocus = DefaultFocus.None, CloseButton = false };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
