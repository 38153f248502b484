using System.Net;
using AngleSharp.Html.Parser;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Portal;

/// <summary>
/// The source viewer and the original-file endpoint over plain HTTP: what the prerendered page
/// shows, with which status, and what the original file is served as.
/// </summary>
public sealed class SourceViewerTests(SourcesPortalFixture fixture) : IClassFixture<SourcesPortalFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalHost Portal => fixture.Portal;

    [Fact]
    public async Task The_original_pdf_is_served_inline_with_its_type()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        using var response = await client.GetAsync($"/sources/{fixture.PerksPlus}/original", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("PerksPlus.pdf", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(Corpus.ReadAllBytes("PerksPlus.pdf"), await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_original_pdf_serves_byte_ranges_for_the_browsers_viewer()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sources/{fixture.PerksPlus}/original");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Corpus.ReadAllBytes("PerksPlus.pdf")[..100], await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Markdown_and_text_originals_are_text_with_a_charset_and_a_non_ascii_name_survives()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        using var markdown = await client.GetAsync($"/sources/{fixture.LeavePolicy}/original", Ct);
        using var text = await client.GetAsync($"/sources/{fixture.Notes}/original", Ct);

        Assert.Equal("text/markdown; charset=utf-8", markdown.Content.Headers.ContentType!.ToString());
        Assert.Equal(SourcesPortalFixture.LeavePolicyMarkdown, await markdown.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/plain; charset=utf-8", text.Content.Headers.ContentType!.ToString());
        var disposition = string.Join(";", text.Content.Headers.GetValues("Content-Disposition"));
        Assert.StartsWith("inline;", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''R%C3%A4ksm%C3%B6rg%C3%A5s%20notes.txt", disposition, StringComparison.Ordinal);
        Assert.Equal(SourcesPortalFixture.NonAsciiName, text.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.True(disposition.All(char.IsAscii), disposition);
    }

    [Fact]
    public async Task A_missing_and_an_unreadable_original_are_the_same_404()
    {
        using var employee = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);
        using var hr = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.HrMember, PortalHost.UserPassword);

        using var missing = await employee.GetAsync($"/sources/{Guid.NewGuid()}/original", Ct);
        using var unreadable = await employee.GetAsync($"/sources/{fixture.Salaries}/original", Ct);
        using var readable = await hr.GetAsync($"/sources/{fixture.Salaries}/original", Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unreadable.StatusCode);
        Assert.Null(unreadable.Content.Headers.ContentDisposition);
        Assert.Equal(NotFoundText(await missing.Content.ReadAsStringAsync(Ct)), NotFoundText(await unreadable.Content.ReadAsStringAsync(Ct)));
        Assert.DoesNotContain("salar", await unreadable.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
    }

    [Fact]
    public async Task A_document_never_indexed_has_no_original_to_serve()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        using var response = await client.GetAsync($"/sources/{fixture.Waiting}/original", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Originals_and_the_viewer_need_sign_in()
    {
        using var client = PortalClient.Anonymous(Portal);

        using var original = await client.GetAsync($"/sources/{fixture.PerksPlus}/original", Ct);
        using var viewer = await client.GetAsync($"/sources/{fixture.PerksPlus}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, original.StatusCode);
        Assert.Contains("/account/sign-in", original.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, viewer.StatusCode);
    }

    [Fact]
    public async Task The_viewer_answers_404_with_the_same_content_for_a_missing_and_an_unreadable_document()
    {
        using var employee = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);
        using var hr = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.HrMember, PortalHost.UserPassword);

        using var missing = await employee.GetAsync($"/sources/{Guid.NewGuid()}?page=1", Ct);
        using var unreadable = await employee.GetAsync($"/sources/{fixture.Salaries}?page=1", Ct);
        using var readable = await hr.GetAsync($"/sources/{fixture.Salaries}?page=1", Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unreadable.StatusCode);
        var missingPage = Parse(await missing.Content.ReadAsStringAsync(Ct));
        var unreadablePage = Parse(await unreadable.Content.ReadAsStringAsync(Ct));
        Assert.Equal(missingPage.Title, unreadablePage.Title);
        Assert.Equal(missingPage.QuerySelector("[data-testid=not-found]")!.OuterHtml, unreadablePage.QuerySelector("[data-testid=not-found]")!.OuterHtml);
        Assert.DoesNotContain(SourcesPortalFixture.SalariesTitle, unreadablePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("salaries.md", unreadablePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        Assert.Equal(SourcesPortalFixture.SalariesTitle, Parse(await readable.Content.ReadAsStringAsync(Ct)).QuerySelector("[data-testid=viewer-title]")!.TextContent);
    }

    [Fact]
    public async Task A_pdf_page_is_prerendered_with_the_cited_chunk_marked()
    {
        var chunk = (await fixture.ChunksAsync(fixture.PerksPlus)).First(c => c.PageStart == c.PageEnd && c.PageStart > 1);
        var pageText = await fixture.PageTextAsync(fixture.PerksPlus, chunk.PageStart);
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        var page = Parse(await client.GetStringAsync($"/sources/{fixture.PerksPlus}?page={chunk.PageStart}&chunk={chunk.Id}", Ct));

        Assert.Equal(pageText[chunk.StartOffset..chunk.EndOffset], page.QuerySelector("mark.kp-highlight#kp-cited")!.TextContent);
        Assert.Equal(pageText, page.QuerySelector("[data-testid=page-text]")!.TextContent);
        Assert.Contains($"Page {chunk.PageStart} of 4", page.QuerySelector("[data-testid=viewer-page-number]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/sources/{fixture.PerksPlus}/original#page={chunk.PageStart}", page.QuerySelector("[data-testid=open-original]")!.GetAttribute("href"));
        Assert.Equal("PDF", page.QuerySelector("[data-testid=viewer-kind]")!.TextContent.Trim());
        Assert.Contains("Everyone", page.QuerySelector("[data-testid=viewer-audience]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_page_the_viewer_opens_at_the_cited_chunk()
    {
        var chunk = (await fixture.ChunksAsync(fixture.PerksPlus)).Last();
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        var page = Parse(await client.GetStringAsync($"/sources/{fixture.PerksPlus}?chunk={chunk.Id}", Ct));

        Assert.Contains($"Page {chunk.PageStart} of", page.QuerySelector("[data-testid=viewer-page-number]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("mark.kp-highlight"));
    }

    [Fact]
    public async Task A_chunk_of_another_document_is_not_highlighted_and_says_so_gently()
    {
        var otherChunk = (await fixture.ChunksAsync(fixture.Salaries)).First();
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        using var response = await client.GetAsync($"/sources/{fixture.PerksPlus}?page=2&chunk={otherChunk.Id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Null(page.QuerySelector(".kp-highlight"));
        Assert.Contains("has changed since it was cited", page.QuerySelector("[data-testid=citation-gone]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(SourcesPortalFixture.SalariesTitle, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_on_other_pages_links_to_where_it_starts()
    {
        var chunk = (await fixture.ChunksAsync(fixture.PerksPlus)).First(c => c.PageStart >= 2);
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        var page = Parse(await client.GetStringAsync($"/sources/{fixture.PerksPlus}?page=1&chunk={chunk.Id}", Ct));

        Assert.Null(page.QuerySelector(".kp-highlight"));
        var link = page.QuerySelector("[data-testid=citation-elsewhere] a")!;
        Assert.Equal($"/sources/{fixture.PerksPlus}?page={chunk.PageStart}&chunk={chunk.Id}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Markdown_is_rendered_with_the_cited_section_marked()
    {
        var chunk = (await fixture.ChunksAsync(fixture.LeavePolicy)).First(c => c.Text.Contains("sixteen weeks", StringComparison.Ordinal));
        var source = SourcesPortalFixture.LeavePolicyMarkdown;
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        var page = Parse(await client.GetStringAsync($"/sources/{fixture.LeavePolicy}?page=1&chunk={chunk.Id}", Ct));

        var body = page.QuerySelector("[data-testid=markdown-body]")!;
        Assert.Equal("Leave policy", body.QuerySelector("h1")!.TextContent);
        var marked = body.QuerySelectorAll(".kp-highlight");
        Assert.NotEmpty(marked);
        Assert.Equal("kp-cited", marked[0].Id);
        var cited = Words(source[chunk.StartOffset..chunk.EndOffset]);
        Assert.All(marked, m => Assert.Contains(Words(m.TextContent), cited, StringComparison.Ordinal));
        Assert.Contains(marked, m => m.TextContent.Contains("sixteen weeks", StringComparison.Ordinal));
        // Everything outside the chunk stays unmarked (and there is such a thing: the chunk is one section).
        Assert.NotEmpty(body.QuerySelectorAll("p").Except(marked));
        Assert.All(body.QuerySelectorAll("p, h1, h2").Except(marked), e => Assert.DoesNotContain(Words(e.TextContent), cited, StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("[data-testid=viewer-page-number]"));
        Assert.Equal($"/sources/{fixture.LeavePolicy}/original", page.QuerySelector("[data-testid=open-original]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_word_page_is_shown_with_its_table_and_the_cited_row_marked_and_page_navigation()
    {
        var chunk = (await fixture.ChunksAsync(fixture.Handbook)).Single(c => c.Text.Contains("Northwind Plus", StringComparison.Ordinal));
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        // The table is on the page after the break; the passage may start on page 1 with the section before it.
        Assert.Equal(2, chunk.PageEnd);
        var page = Parse(await client.GetStringAsync($"/sources/{fixture.Handbook}?page=2&chunk={chunk.Id}", Ct));

        Assert.Equal("Word", page.QuerySelector("[data-testid=viewer-kind]")!.TextContent);
        Assert.Contains("Page 2 of 2", page.QuerySelector("[data-testid=viewer-page-number]")!.TextContent, StringComparison.Ordinal);
        var body = page.QuerySelector("[data-testid=markdown-body]")!;
        Assert.Equal("Health plans", body.QuerySelector("h1")!.TextContent);
        var rows = body.QuerySelectorAll("table tr").Select(r => string.Join(" | ", r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["Plan | Specialist copay", "Northwind Standard | $60", "Northwind Plus | $50"], rows);
        Assert.Contains(body.QuerySelectorAll(".kp-highlight"), m => m.TextContent.Contains("Northwind Plus", StringComparison.Ordinal));
        Assert.DoesNotContain("25 days", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_web_page_is_only_downloaded_in_a_sandbox_and_its_text_is_shown_without_its_code()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        using var original = await client.GetAsync($"/sources/{fixture.HostilePage}/original", Ct);
        var viewer = Parse(await client.GetStringAsync($"/sources/{fixture.HostilePage}", Ct));

        Assert.Equal("attachment", original.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("sandbox", Assert.Single(original.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(original.Headers.GetValues("X-Content-Type-Options")));
        var body = viewer.QuerySelector("[data-testid=markdown-body]")!;
        Assert.Contains("closed on the first Monday of May", body.TextContent, StringComparison.Ordinal);
        Assert.Empty(body.QuerySelectorAll("script, iframe, img, [onmouseover], [onerror], [onload]"));
        Assert.DoesNotContain("javascript:", body.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Web page", viewer.QuerySelector("[data-testid=viewer-kind]")!.TextContent);
        Assert.Null(viewer.QuerySelector("[data-testid=viewer-page-number]"));
    }

    [Fact]
    public async Task A_pdf_page_as_printed_is_an_image_with_the_cited_passage_boxed()
    {
        var chunk = (await fixture.ChunksAsync(fixture.PerksPlus)).First(c => c.Text.Contains("Introducing PerksPlus", StringComparison.Ordinal));
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        var page = Parse(await client.GetStringAsync($"/sources/{fixture.PerksPlus}?page={chunk.PageStart}&chunk={chunk.Id}&view=page", Ct));

        var image = page.QuerySelector("[data-testid=page-image] img")!;
        Assert.Equal($"/sources/{fixture.PerksPlus}/pages/{chunk.PageStart}/image", image.GetAttribute("src"));
        Assert.Contains("Text view", image.GetAttribute("alt"), StringComparison.Ordinal);
        var boxes = page.QuerySelectorAll("[data-testid=page-box]");
        Assert.InRange(boxes.Length, 3, 40); // one per line of the passage
        Assert.Equal("kp-cited", boxes[0].Id);
        Assert.Equal("page", page.QuerySelector("[data-testid=view-printed]")!.GetAttribute("aria-current"));
        // Turning pages keeps the printed view; the text view is one click away.
        Assert.Contains("view=page", page.QuerySelector("[data-kp-page-next]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.DoesNotContain("view=page", page.QuerySelector("[data-testid=view-text]")!.GetAttribute("href"), StringComparison.Ordinal);

        using var png = await client.GetAsync(image.GetAttribute("src"), Ct);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await png.Content.ReadAsByteArrayAsync(Ct))[..4]);
        // The text view is what the page shows without asking.
        var text = Parse(await client.GetStringAsync($"/sources/{fixture.PerksPlus}?page={chunk.PageStart}&chunk={chunk.Id}", Ct));
        Assert.Null(text.QuerySelector("[data-testid=page-image]"));
        Assert.NotNull(text.QuerySelector("mark.kp-highlight"));
    }

    [Fact]
    public async Task A_page_image_is_404_for_a_reader_who_may_not_read_the_pdf_a_page_it_lacks_and_a_document_that_is_not_a_pdf()
    {
        using var employee = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);
        using var hr = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.HrMember, PortalHost.UserPassword);

        using var forbidden = await employee.GetAsync($"/sources/{fixture.HrPdf}/pages/1/image", Ct);
        using var missing = await employee.GetAsync($"/sources/{Guid.NewGuid()}/pages/1/image", Ct);
        using var allowed = await hr.GetAsync($"/sources/{fixture.HrPdf}/pages/1/image", Ct);
        using var pastTheEnd = await hr.GetAsync($"/sources/{fixture.HrPdf}/pages/3/image", Ct);
        using var markdown = await employee.GetAsync($"/sources/{fixture.LeavePolicy}/pages/1/image", Ct);

        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        Assert.Equal(missing.StatusCode, forbidden.StatusCode);
        Assert.Equal(missing.Content.Headers.ContentType?.MediaType, forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pastTheEnd.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, markdown.StatusCode);
    }

    [Fact]
    public async Task Plain_text_markup_is_shown_as_text()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        var page = Parse(await client.GetStringAsync($"/sources/{fixture.Notes}", Ct));

        var text = page.QuerySelector("[data-testid=page-text]")!;
        Assert.Contains("<b>not bold</b>", text.TextContent, StringComparison.Ordinal);
        Assert.Null(text.QuerySelector("b"));
        Assert.Equal(SourcesPortalFixture.NonAsciiName, page.QuerySelector("[data-testid=viewer-file-name]")?.TextContent ?? page.QuerySelector("[data-testid=viewer-title]")!.TextContent);
    }

    [Fact]
    public async Task A_document_being_indexed_and_a_failed_one_explain_themselves()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);

        var waiting = Parse(await client.GetStringAsync($"/sources/{fixture.Waiting}", Ct));
        var broken = Parse(await client.GetStringAsync($"/sources/{fixture.Broken}", Ct));

        Assert.Contains("being indexed", waiting.QuerySelector("[data-testid=viewer-indexing]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("waiting.pdf", waiting.QuerySelector("[data-testid=viewer-title]")!.TextContent);
        Assert.Contains("not a valid PDF", broken.QuerySelector("[data-testid=viewer-failed]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_numbers_and_ids_in_page_addresses_are_ignored_not_a_server_error()
    {
        using var client = await PortalClient.SignInAsync(Portal, SourcesPortalFixture.Employee, PortalHost.UserPassword);
        var viewer = $"/sources/{fixture.PerksPlus}";

        // Addresses are typed, edited and shared: a value that is not a number (or past int.MaxValue) is as if absent.
        foreach (var (url, pageShown) in new[]
        {
            ($"{viewer}?page=abc", 1), ($"{viewer}?page=2147483648", 1), ($"{viewer}?page=-3", 1),
            ($"{viewer}?page=2&chunk=abc", 2), ($"{viewer}?page=3&chunk=99999999999999999999", 3), ($"{viewer}?page=2&page=x", 2),
        })
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: HTTP {(int)response.StatusCode}");
            var page = Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains($"Page {pageShown} of 4", page.QuerySelector("[data-testid=viewer-page-number]")!.TextContent, StringComparison.Ordinal);
        }
        foreach (var url in new[] { "/search?q=perks&p=abc", "/search?q=perks&p=2147483648", "/search?q=perks&doc=xyz", "/?doc=xyz", "/?q=perks&doc=xyz", "/?q=%ZZ%E9&doc=1&doc=2", "/search?q=a&q=b&p=1&p=2&kind=&date=%00" })
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: HTTP {(int)response.StatusCode}");
        }
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static string NotFoundText(string html) => Parse(html).QuerySelector("[data-testid=not-found]")?.TextContent ?? html;

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
