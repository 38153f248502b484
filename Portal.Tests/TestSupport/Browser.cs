using Microsoft.Playwright;

namespace KnowledgePortal.Tests.TestSupport;

/// <summary>Debian's Chromium driven by Playwright (installed by test.sh; Playwright's own browser download is not used).</summary>
public sealed class Browser : IAsyncDisposable
{
    private Browser(IPlaywright playwright, IBrowser instance)
    {
        Playwright = playwright;
        Instance = instance;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Instance { get; }

    /// <summary>Where screenshots are saved as test artifacts.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public static async Task<Browser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Chromium is expected at {executable}; ./test.sh installs Debian's chromium package.", executable);
        }
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
        return new Browser(playwright, browser);
    }

    /// <summary>A fresh browser context (own cookies and storage) on the portal.</summary>
    /// <param name="configure">Changes the context's defaults: viewport, colour scheme, locale.</param>
    public async Task<IPage> NewPageAsync(Uri baseAddress, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        };
        configure?.Invoke(options);
        var context = await Instance.NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real form and waits for the interactive circuit.</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        await WaitForCircuitAsync(page);
    }

    /// <summary>Prerendered pages ignore clicks until the circuit is up; this waits for it.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#app-ready[data-ready='1']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        Playwright.Dispose();
    }
}
