using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

/// <summary>
/// Real .docx and .pptx packages written with the Open XML SDK, with the parts a parser reads:
/// Word's heading styles and list numbering, slides with title and body placeholders, tables and notes.
/// </summary>
internal static class OfficeFiles
{
    public const int BulletList = 1;
    public const int NumberedList = 2;

    public static byte[] Word(string? title, params OpenXmlElement[] bodyContent)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(bodyContent));
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
                ParagraphStyle("Title", "Title"),
                ParagraphStyle("Heading1", "heading 1"),
                ParagraphStyle("Heading2", "heading 2"),
                ParagraphStyle("ListParagraph", "List Paragraph"));
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = new Numbering(
                Abstract(BulletList, NumberFormatValues.Bullet),
                Abstract(NumberedList, NumberFormatValues.Decimal),
                new NumberingInstance(new AbstractNumId { Val = BulletList }) { NumberID = BulletList },
                new NumberingInstance(new AbstractNumId { Val = NumberedList }) { NumberID = NumberedList });
            if (title is not null)
            {
                document.PackageProperties.Title = title;
            }
        }
        return stream.ToArray();
    }

    public static Paragraph Para(string text, string? style = null) =>
        new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            ParagraphProperties = style is null ? null : new ParagraphProperties(new ParagraphStyleId { Val = style }),
        };

    public static Paragraph Item(string text, int list, int level = 0) =>
        new(new Run(new Text(text)))
        {
            ParagraphProperties = new ParagraphProperties(
                new ParagraphStyleId { Val = "ListParagraph" },
                new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = list })),
        };

    public static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));

    /// <summary>Where Word's own layout started a new page, as it records on saving.</summary>
    public static Paragraph RenderedPageStart(string text) => new(new Run(new LastRenderedPageBreak(), new Text(text)));

    public static Table WordTable(params string[][] rows) =>
        new(rows.Select(cells => new TableRow(cells.Select(c => new TableCell(Para(c))))));

    private static Style ParagraphStyle(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };

    private static AbstractNum Abstract(int id, NumberFormatValues format) =>
        new(Enumerable.Range(0, 3).Select(level => new Level(new NumberingFormat { Val = format }, new LevelText { Val = "%1." }) { LevelIndex = level }))
        {
            AbstractNumberId = id,
        };

    public sealed record Slide(string? Title, string[] Bullets, string[][]? Table = null, string? Notes = null);

    public static byte[] PowerPoint(string? title, params Slide[] slides)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var ids = new P.SlideIdList();
            presentation.Presentation = new P.Presentation(ids);
            uint id = 256;
            foreach (var slide in slides)
            {
                var part = presentation.AddNewPart<SlidePart>();
                var tree = new P.ShapeTree();
                if (slide.Title is not null)
                {
                    tree.Append(Placeholder(P.PlaceholderValues.Title, [slide.Title]));
                }
                tree.Append(Placeholder(null, slide.Bullets));
                if (slide.Table is not null)
                {
                    tree.Append(new P.GraphicFrame(new A.Graphic(new A.GraphicData(
                        new A.Table(slide.Table.Select(row => new A.TableRow(row.Select(cell => new A.TableCell(TextBody<A.TextBody>([cell])))))))
                    {
                        Uri = "http://schemas.openxmlformats.org/drawingml/2006/table",
                    })));
                }
                part.Slide = new P.Slide(new P.CommonSlideData(tree));
                if (slide.Notes is not null)
                {
                    part.AddNewPart<NotesSlidePart>().NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(
                        Placeholder(P.PlaceholderValues.Body, [slide.Notes]))));
                }
                ids.Append(new P.SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(part) });
            }
            if (title is not null)
            {
                document.PackageProperties.Title = title;
            }
        }
        return stream.ToArray();
    }

    private static P.Shape Placeholder(P.PlaceholderValues? type, string[] paragraphs) =>
        new(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = 2, Name = "Placeholder" },
                new P.NonVisualShapeDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties(type is null ? new P.PlaceholderShape { Index = 1 } : new P.PlaceholderShape { Type = type })),
            new P.ShapeProperties(),
            TextBody<P.TextBody>(paragraphs));

    private static T TextBody<T>(string[] paragraphs)
        where T : OpenXmlCompositeElement, new()
    {
        var body = new T();
        body.Append(new A.BodyProperties());
        foreach (var paragraph in paragraphs)
        {
            var level = paragraph.TakeWhile(c => c == '>').Count();
            body.Append(new A.Paragraph(new A.Run(new A.Text(paragraph[level..])))
            {
                ParagraphProperties = level == 0 ? null : new A.ParagraphProperties { Level = level },
            });
        }
        return body;
    }
}
