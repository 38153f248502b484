using System.Globalization;

namespace KnowledgePortal.Portal.Features;

/// <summary>
/// Reads numbers and ids out of addresses people type, edit and share. Pages and endpoints bind query
/// values as strings and parse them here, because the framework's own int/long/Guid binding throws on
/// "abc" or on a number past int.MaxValue, turning a mistyped link into a 500. A value that does not
/// parse is treated as absent.
/// </summary>
public static class QueryValues
{
    /// <summary>A whole number from 1 up ("2", not "+2", "2.0" or "-1"), or null.</summary>
    public static int? PositiveInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    /// <summary>A row id (a whole number from 1 up), or null.</summary>
    public static long? Id(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    /// <summary>A document or conversation id in any of the usual GUID spellings, or null.</summary>
    public static Guid? Guid(string? value) =>
        System.Guid.TryParse(value, CultureInfo.InvariantCulture, out var id) ? id : null;
}
