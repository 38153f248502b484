using Microsoft.AspNetCore.Components;

namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>
/// Addresses of the Ask page with a question in them. Opening one only fills the question box: a GET
/// must not ask on the reader's behalf, since any site can link there and the cookie goes along
/// (SameSite=Lax), spending the person's asks and saving a conversation they never asked for. Asking at
/// once takes the person's own action inside the portal (the ask box in the app bar, "Ask about this"),
/// which marks the navigation's history entry; no other site can set that.
/// </summary>
public static class AskLinks
{
    private const string AskNowState = "kp-ask-now";

    /// <summary><c>/?q=...&amp;doc=...</c>: the Ask page with the question filled in, scoped to one document when given.</summary>
    public static string Prefilled(string question, Guid? documentId = null) =>
        $"/?q={Uri.EscapeDataString(question)}" + (documentId is { } id ? $"&doc={id}" : string.Empty);

    /// <summary>Opens the Ask page and asks <paramref name="question"/> at once: only for a person's own click or key press.</summary>
    public static void AskNow(NavigationManager navigation, string question, Guid? documentId = null)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        navigation.NavigateTo(Prefilled(question, documentId), new NavigationOptions { HistoryEntryState = AskNowState });
    }

    /// <summary>Whether the current address was opened by <see cref="AskNow"/> rather than by a link.</summary>
    public static bool IsAskNow(NavigationManager navigation)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        return navigation.HistoryEntryState == AskNowState;
    }
}
