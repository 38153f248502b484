using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace KnowledgePortal.Portal.Hosting;

/// <summary>
/// Pages format dates and numbers in the reader's culture, from the browser's Accept-Language. The
/// circuit keeps the culture of the request that opened it. Words stay English (there are no
/// translations), and the API stays culture-neutral: its clients parse what it returns.
/// </summary>
public static class ReaderCulture
{
    private static readonly CultureInfo[] FormattingCultures =
        [.. CultureInfo.GetCultures(CultureTypes.AllCultures).Where(c => !string.IsNullOrEmpty(c.Name))];

    public static IApplicationBuilder UseReaderCulture(this IApplicationBuilder app) =>
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseRequestLocalization(new RequestLocalizationOptions
            {
                DefaultRequestCulture = new RequestCulture(CultureInfo.GetCultureInfo("en-US"), CultureInfo.GetCultureInfo("en")),
                SupportedCultures = FormattingCultures,
                SupportedUICultures = [CultureInfo.GetCultureInfo("en")],
                // Only the browser decides; no query-string or cookie switch to keep in sync.
                RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()],
                FallBackToParentUICultures = true,
            }));
}
