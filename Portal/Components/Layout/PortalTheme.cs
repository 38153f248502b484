using MudBlazor;

namespace KnowledgePortal.Portal.Components.Layout;

/// <summary>
/// The portal's calm palette; the font stack needs nothing from the internet. Every text colour meets
/// WCAG AA (4.5:1) on the surface it is drawn on: MudBlazor's defaults for secondary text and for white
/// text on the status colours do not, which the accessibility browser tests catch.
/// </summary>
internal static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f5d8a",
            Secondary = "#6d4c9f",
            AppbarBackground = "#2f5d8a",
            Background = "#f7f8fa",
            TextSecondary = "#5f6368",
            Success = "#2e7d32",
            Error = "#c62828",
            Info = "#1565c0",
            Warning = "#b45309",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb0e0",
            Secondary = "#b69ae0",
            AppbarBackground = "#1e2a36",
            TextSecondary = "#b8b8bd",
            // Light colours on a dark surface carry dark text, not white.
            PrimaryContrastText = "#0d1b2a",
            SecondaryContrastText = "#1b1029",
            SuccessContrastText = "#06281b",
            InfoContrastText = "#0b1a2b",
            WarningContrastText = "#2b1a00",
            Error = "#ff8a80",
            ErrorContrastText = "#2b0000",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
