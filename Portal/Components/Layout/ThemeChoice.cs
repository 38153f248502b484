namespace KnowledgePortal.Portal.Components.Layout;

/// <summary>The light/dark choice as the browser keeps it between visits.</summary>
public static class ThemeChoice
{
    public const string Dark = "dark";
    public const string Light = "light";

    public static string Format(bool isDark) => isDark ? Dark : Light;

    /// <summary>True for dark, false for light, null when nothing (or something unknown) was stored.</summary>
    public static bool? Parse(string? stored) => stored switch
    {
        Dark => true,
        Light => false,
        _ => null,
    };
}
