using MudBlazor;

namespace KnowledgePortal.Portal.Components.Layout;

/// <summary>The portal's calm palette; the font stack needs nothing from the internet.</summary>
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
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb0e0",
            Secondary = "#b69ae0",
            AppbarBackground = "#1e2a36",
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
