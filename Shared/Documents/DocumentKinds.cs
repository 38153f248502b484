namespace KnowledgePortal.Shared.Documents;

/// <summary>What each <see cref="DocumentKind"/> means for the people reading it: its name, and how its pages are shown.</summary>
public static class DocumentKinds
{
    public static string Label(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "PDF",
        DocumentKind.Markdown => "Markdown",
        DocumentKind.Text => "Text",
        DocumentKind.Html => "Web page",
        DocumentKind.Word => "Word",
        DocumentKind.PowerPoint => "PowerPoint",
        _ => kind.ToString(),
    };

    /// <summary>The kind as addresses, the API and <c>kp</c>'s JSON spell it: "pdf", "word", "powerpoint", "html", "markdown", "text".</summary>
    public static string Code(DocumentKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// Kinds whose stored page text is Markdown: written by people, or made by the parser from a web
    /// page, Word file or slide deck so headings, lists and tables keep their shape in the viewer.
    /// </summary>
    public static bool PageTextIsMarkdown(DocumentKind? kind) =>
        kind is DocumentKind.Markdown or DocumentKind.Html or DocumentKind.Word or DocumentKind.PowerPoint;

    /// <summary>Kinds whose page numbers mean something to a reader (a web page or Markdown file is one page).</summary>
    public static bool HasPages(DocumentKind? kind) => kind is DocumentKind.Pdf or DocumentKind.Word or DocumentKind.PowerPoint;

    /// <summary>"p. 3", "pp. 3–4", or "slide 3" for a slide deck.</summary>
    public static string Place(DocumentKind? kind, int start, int end)
    {
        var (one, many) = kind == DocumentKind.PowerPoint ? ("slide", "slides") : ("p.", "pp.");
        return start == end ? $"{one} {start}" : $"{many} {start}–{end}";
    }
}
