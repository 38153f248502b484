using KnowledgePortal.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgePortal.Tests.Portal;

/// <summary>The admin's dialogs open ready to type in: focus in the first field, no error before any typing.</summary>
public sealed class AdminDialogsInBrowserTests(OneDocumentPortalFixture fixture) : IClassFixture<OneDocumentPortalFixture>
{
    [Theory]
    [InlineData("/admin/groups", "new-group", "#group-name")]
    [InlineData("/admin/users", "add-user", "#user-email")]
    public async Task A_dialog_opens_with_focus_in_its_first_field_and_no_error_shown(string url, string opener, string firstField)
    {
        var page = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(page, PortalHost.AdminEmail, PortalHost.AdminPassword, url);

        await page.ClickAsync($"[data-testid={opener}]");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator(firstField)).ToBeFocusedAsync();
        // Give a blur-triggered validation the time it would take to show.
        await page.WaitForTimeoutAsync(500);
        await Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Expect(dialog.Locator(".mud-input-helper-text.mud-input-error, .mud-input-control-helper-container .mud-input-error")).ToHaveCountAsync(0);

        // Escape cancels it.
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Enter_in_the_new_group_dialog_creates_the_group_with_the_typed_name()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.Portal.BaseAddress);
        await Browser.SignInAsync(page, PortalHost.AdminEmail, PortalHost.AdminPassword, "/admin/groups");

        await page.ClickAsync("[data-testid=new-group]");
        await page.Locator("#group-name").FillAsync("Legal");
        await page.Locator("#group-name").PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=group-row][data-name=Legal]")).ToBeVisibleAsync();
        // An empty group's member count is a number, not a control.
        var legal = page.Locator("tr", new() { Has = page.Locator("[data-testid=group-row][data-name=Legal]") });
        await Expect(legal.Locator("[data-testid=group-members]")).ToHaveTextAsync("0");
        await Expect(legal.GetByRole(AriaRole.Button, new() { Name = "0" })).ToHaveCountAsync(0);
    }
}
