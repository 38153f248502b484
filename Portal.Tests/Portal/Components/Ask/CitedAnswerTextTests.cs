using Bunit;
using KnowledgePortal.Portal.Components.Pages.Ask;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KnowledgePortal.Tests.Portal.Components.Ask;

public class CitedAnswerTextTests : BunitContext
{
    private static readonly Guid Perks = Guid.Parse("0199aa00-0000-7000-8000-000000000001");

    private static readonly DisplayedCitation One = new(1, Perks, "PerksPlus.pdf", "PerksPlus program", 41, 2, 2, "Employees can expense up to $1000.");
    private static readonly DisplayedCitation Two = new(2, Perks, "PerksPlus.pdf", "PerksPlus program", 42, 3, 4, "Submit receipts within 90 days.");

    public CitedAnswerTextTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Markers_become_chips_that_open_the_cited_page_and_passage()
    {
        var cut = Render<CitedAnswerText>(p => p
            .Add(c => c.Text, "Expense up to $1000 [1]. File receipts in time [2].")
            .Add(c => c.Citations, [One, Two]));

        var chips = cut.FindAll("[data-testid=citation-chip]");
        Assert.Equal(["1", "2"], chips.Select(c => c.TextContent.Trim()));
        Assert.Equal($"/sources/{Perks}?page=2&chunk=41", chips[0].GetAttribute("href"));
        Assert.Equal($"/sources/{Perks}?page=3&chunk=42", chips[1].GetAttribute("href"));
        Assert.DoesNotContain("[1]", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Expense up to $1000", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chip_names_the_slide_of_a_deck_and_the_pages_of_anything_else()
    {
        var slide = new DisplayedCitation(1, Perks, "kickoff.pptx", "Kickoff", 43, 3, 3, "Visitors park on level two.", KnowledgePortal.Shared.Documents.DocumentKind.PowerPoint);
        var slides = slide with { Number = 2, PageEnd = 4 };

        var cut = Render<CitedAnswerText>(p => p
            .Add(c => c.Text, "Park on level two [1], see also [2] and [3].")
            .Add(c => c.Citations, [slide, slides, Two with { Number = 3 }]));

        var names = cut.FindAll("[data-testid=citation-chip]").Select(c => c.GetAttribute("aria-label")).ToList();
        Assert.Equal(["Source 1: Kickoff, slide 3", "Source 2: Kickoff, slides 3–4", "Source 3: PerksPlus program, pp. 3–4"], names);
    }

    [Fact]
    public void A_number_without_a_retrieved_source_is_dropped_never_shown()
    {
        var cut = Render<CitedAnswerText>(p => p
            .Add(c => c.Text, "Expense up to $1000 [1][7]. Also [3, 1] and [12].")
            .Add(c => c.Citations, [One]));

        var chips = cut.FindAll("[data-testid=citation-chip]");
        Assert.Equal(["1", "1"], chips.Select(c => c.TextContent.Trim()));
        var text = cut.Find("[data-testid=answer-text]").TextContent;
        Assert.DoesNotContain("[7]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("12", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_looks_like_markup_is_shown_as_text()
    {
        var cut = Render<CitedAnswerText>(p => p
            .Add(c => c.Text, "Use <script>alert(1)</script> never [1].")
            .Add(c => c.Citations, [One]));

        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("<script>alert(1)</script>", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Segments_keep_the_text_between_markers_in_order()
    {
        var segments = AnswerSegments.Parse("A [1] B [2] C", [One, Two]);

        Assert.Equal(["A", "1", " B", "2", " C"], segments.Select(s => s.Text ?? s.Citation!.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
