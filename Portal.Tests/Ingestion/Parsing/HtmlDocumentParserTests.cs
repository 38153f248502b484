using System.Text;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Rendering;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

public sealed class HtmlDocumentParserTests
{
    private static ParsedDocument Parse(string html, string name = "page.html") => Parse(Encoding.UTF8.GetBytes(html), name);

    private static ParsedDocument Parse(byte[] html, string name = "page.html") =>
        new HtmlDocumentParser().Parse(html, name, TestContext.Current.CancellationToken);

    private const string IntranetPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><title>Expense policy</title><style>body { color: red }</style><script>var secret = "tracking";</script></head>
        <body>
          <header><a href="/">Intranet home</a> <input placeholder="Search the intranet"></header>
          <nav><ul><li><a href="/hr">HR</a></li><li><a href="/it">IT help</a></li></ul></nav>
          <main>
            <h1>Expenses</h1>
            <p>Submit receipts within <strong>30 days</strong>.<br>Late claims need approval.</p>
            <h2>Meals</h2>
            <ul>
              <li>Breakfast up to 15 euros
                <ul><li>Only when travelling overnight</li></ul>
              </li>
              <li>Dinner up to 40 euros</li>
            </ul>
            <table>
              <tr><th>Plan</th><th>Specialist copay</th></tr>
              <tr><td>Northwind Plus</td><td>$50</td></tr>
            </table>
            <pre>kp ingest ./receipts</pre>
            <div>Loose text in a div <span>with a span</span></div>
            <p hidden>Hidden draft text</p>
            <button onclick="steal()">Click me</button>
          </main>
          <footer>Copyright Contoso · Privacy</footer>
        </body>
        </html>
        """;

    [Fact]
    public void The_main_content_keeps_headings_lists_tables_and_code_and_nothing_else()
    {
        var parsed = Parse(IntranetPage);

        Assert.Equal(DocumentKind.Html, parsed.Kind);
        Assert.Equal("Expense policy", parsed.Title);
        Assert.Single(parsed.Pages);
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.Paragraph, Text: "Submit receipts within 30 days. Late claims need approval." });
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.ListItem, Text: "- Breakfast up to 15 euros" });
        var nested = Assert.Single(parsed.Blocks, b => b.Text.Contains("overnight", StringComparison.Ordinal));
        Assert.Equal(["Expenses", "Meals"], nested.HeadingPath);
        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Table && b.Text.Contains("Northwind Plus | $50", StringComparison.Ordinal));
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.Code } && b.Text.Contains("kp ingest", StringComparison.Ordinal));
        Assert.Contains(parsed.Blocks, b => b.Text == "Loose text in a div with a span");

        var all = string.Join("\n", parsed.Blocks.Select(b => b.Text)) + parsed.Pages[0].Text;
        foreach (var furniture in new[] { "Intranet home", "IT help", "Search the intranet", "Copyright", "tracking", "color: red", "Hidden draft", "Click me" })
        {
            Assert.DoesNotContain(furniture, all);
        }
    }

    [Fact]
    public void Scripts_and_event_handlers_never_reach_the_viewer()
    {
        var parsed = Parse("""
            <html><body><article>
            <h1 onmouseover="alert(1)">Notice</h1>
            <p>Read &lt;script&gt;alert("x")&lt;/script&gt; literally. <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">link text</a></p>
            <script>alert(4)</script>
            </article></body></html>
            """);

        var html = SafeMarkdownRenderer.Render(parsed.Pages[0].Text).Html;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(parsed.Blocks, b => b.Text == "Read <script>alert(\"x\")</script> literally. link text");
    }

    [Fact]
    public void The_page_declares_its_own_encoding()
    {
        var latin1 = Encoding.Latin1.GetBytes("<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9</title></head><body><p>Cr\u00e8me br\u00fbl\u00e9e</p></body></html>");

        var parsed = Parse(latin1);

        Assert.Equal("Café", parsed.Title);
        Assert.Contains(parsed.Blocks, b => b.Text == "Crème brûlée");
    }

    [Fact]
    public void Deeply_nested_markup_is_read_as_text_without_exhausting_the_stack_or_the_clock()
    {
        // Parsed as a tree this took three minutes; read as text it takes milliseconds.
        var depth = 100_000;
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<div>", depth).Append("<p>Deep inside</p>").Insert(html.Length, "</div>", depth).Append("</body></html>");

        var parsed = Parse(html.ToString());

        Assert.Contains(parsed.Blocks, b => b.Text == "Deep inside");
    }

    [Theory]
    [InlineData("<div><div><p>a<p>b<ul><li>c<li>d</ul></div></div>", 3, false)]
    [InlineData("<div><div><div>", 2, true)]
    [InlineData("<div><span></span><span></span><span></span></div>", 2, false)]
    [InlineData("<script>'<div><div><div>'</script><!-- <div><div><div> --><br/><img src=x>", 2, false)]
    [InlineData("<section><div></section><section><div></section>", 2, false)]
    public void Nesting_is_measured_by_the_elements_that_stay_open(string html, int limit, bool exceeds)
    {
        Assert.Equal(exceeds, HtmlDocumentParser.NestingExceeds(Encoding.UTF8.GetBytes(html), limit));
    }

    [Fact]
    public void A_page_with_nothing_to_read_says_so()
    {
        var error = Assert.Throws<DocumentParseException>(() => Parse("<html><body><nav>Home</nav><script>x()</script></body></html>"));

        Assert.Equal("The web page has no text to index (it may hold only pictures).", error.Message);
    }
}
