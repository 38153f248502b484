using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using KnowledgePortal.Shared.Documents;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// Reads a .pptx with one page per slide, in the deck's order: the slide title as its heading, the
/// text of its shapes (bullets as list items), its tables, and the speaker notes.
/// </summary>
public sealed class PowerPointDocumentParser : IDocumentParser
{
    private const string What = "PowerPoint presentation";

    public DocumentKind Kind => DocumentKind.PowerPoint;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        cancellationToken.ThrowIfCancellationRequested();
        return OfficePackage.Read(content, What, (stream, settings) => PresentationDocument.Open(stream, false, settings), package =>
        {
            var presentation = package.PresentationPart;
            var slideIds = presentation?.Presentation?.SlideIdList?.Elements<P.SlideId>().ToList() ?? [];
            if (presentation is null || slideIds.Count == 0)
            {
                throw new DocumentParseException($"The {What} has no slides.");
            }
            var markdown = new MarkdownWriter();
            for (var i = 0; i < slideIds.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i > 0)
                {
                    markdown.BreakPage();
                }
                if (slideIds[i].RelationshipId?.Value is { } relationship
                    && presentation.TryGetPartById(relationship, out var part) && part is SlidePart slide)
                {
                    WriteSlide(markdown, slide, i + 1);
                }
            }
            return MarkdownDocumentParser.FromConvertedPages(
                DocumentKind.PowerPoint, markdown.Finish(), package.PackageProperties.Title, fileName, What, cancellationToken);
        });
    }

    private static void WriteSlide(MarkdownWriter markdown, SlidePart slide, int number)
    {
        var tree = slide.Slide?.CommonSlideData?.ShapeTree;
        var shapes = tree?.Descendants<P.Shape>().ToList() ?? [];
        var notes = slide.NotesSlidePart?.NotesSlide?.CommonSlideData?.ShapeTree?.Descendants<P.Shape>()
            .Where(IsBody)
            .SelectMany(Paragraphs)
            .Where(p => !string.IsNullOrWhiteSpace(p.Text))
            .ToList() ?? [];
        if (notes.Count == 0 && !shapes.SelectMany(Paragraphs).Any(p => !string.IsNullOrWhiteSpace(p.Text))
            && tree?.Descendants<A.Table>().Any() != true)
        {
            // A picture-only slide stays an empty page, so later slides keep their numbers.
            return;
        }
        var title = shapes.FirstOrDefault(IsTitle);
        var titleText = title is null ? string.Empty : string.Join(' ', Paragraphs(title).Select(p => p.Text));
        // Every slide starts a new top-level section, so a slide without a title does not read as
        // part of the one before it.
        markdown.Heading(1, string.IsNullOrWhiteSpace(titleText) ? $"Slide {number}" : titleText);

        foreach (var element in tree?.Descendants() ?? [])
        {
            switch (element)
            {
                case P.Shape shape when shape != title:
                    var paragraphs = Paragraphs(shape).Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToList();
                    var bullets = IsBody(shape) || paragraphs.Any(p => p.Bulleted);
                    foreach (var paragraph in paragraphs)
                    {
                        if (bullets)
                        {
                            markdown.ListItem(paragraph.Text, paragraph.Level, ordered: false);
                        }
                        else
                        {
                            markdown.Paragraph(paragraph.Text);
                        }
                    }
                    break;
                case A.Table table:
                    markdown.Table(table.Elements<A.TableRow>()
                        .Select(row => (IReadOnlyList<string>)row.Elements<A.TableCell>().Select(CellText).ToList())
                        .ToList());
                    break;
            }
        }

        if (notes.Count > 0)
        {
            markdown.Heading(2, "Notes");
            foreach (var note in notes)
            {
                markdown.Paragraph(note.Text);
            }
        }
    }

    private static P.PlaceholderShape? Placeholder(P.Shape shape) =>
        shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape;

    private static bool IsTitle(P.Shape shape) =>
        Placeholder(shape)?.Type?.Value is { } type && (type == P.PlaceholderValues.Title || type == P.PlaceholderValues.CenteredTitle);

    /// <summary>The content placeholder (no type, or "body"/"object") holds the slide's bullets.</summary>
    private static bool IsBody(P.Shape shape) =>
        Placeholder(shape) is { } placeholder
        && (placeholder.Type?.Value is not { } type || type == P.PlaceholderValues.Body || type == P.PlaceholderValues.Object);

    private static IEnumerable<(string Text, int Level, bool Bulleted)> Paragraphs(P.Shape shape) =>
        (shape.TextBody?.Elements<A.Paragraph>() ?? []).Select(paragraph => (
            ParagraphText(paragraph),
            paragraph.ParagraphProperties?.Level?.Value ?? 0,
            paragraph.ParagraphProperties?.GetFirstChild<A.CharacterBullet>() is not null
                || paragraph.ParagraphProperties?.GetFirstChild<A.AutoNumberedBullet>() is not null));

    private static string CellText(A.TableCell cell) =>
        string.Join(' ', cell.TextBody?.Elements<A.Paragraph>().Select(ParagraphText) ?? []);

    private static string ParagraphText(OpenXmlElement paragraph) =>
        string.Concat(paragraph.Descendants().Select(e => e switch
        {
            A.Text t => t.Text,
            A.Break => " ",
            _ => string.Empty,
        }));
}
