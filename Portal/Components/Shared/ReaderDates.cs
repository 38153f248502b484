using System.Globalization;

namespace KnowledgePortal.Portal.Components.Shared;

/// <summary>
/// The one way pages show a moment or a day: the reader's culture (see ReaderCulture) decides the
/// format, so "4.12.2026 09:30" in Germany and "12/4/2026 9:30 AM" in the United States.
/// </summary>
public static class ReaderDates
{
    /// <summary>Date and short time, in the server's time zone.</summary>
    public static string Format(DateTimeOffset moment) => moment.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    public static string Format(DateTimeOffset? moment, string whenMissing) => moment is { } m ? Format(m) : whenMissing;

    /// <summary>Just the day, for "indexed on" and similar.</summary>
    public static string FormatDay(DateTimeOffset moment) => moment.ToLocalTime().ToString("d", CultureInfo.CurrentCulture);
}
