using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using KnowledgePortal.Ingestion.Parsing;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace KnowledgePortal.Bench;

/// <summary>
/// `--formats`: OCR speed and word accuracy on scans of corpus pages, and a fresh `kp ingest` of a
/// sample of each format made from the corpus (Word from the handbook's text, a deck from the benefit
/// options, a web page from the company overview), plus a folder of hostile files: seconds and peak memory.
/// </summary>
internal static class FormatsBenchmark
{
    public const string Heading = "## Formats";

    private const int ScanDpi = 200;

    public static async Task RunAsync(BenchArguments arguments, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("kp-bench-formats-");
        try
        {
            var md = new StringBuilder();
            md.AppendLine(Heading).AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
            md.AppendLine(CultureInfo.InvariantCulture, $"- command: `{arguments.CommandLine}`");
            md.AppendLine();

            var handbook = await File.ReadAllBytesAsync(Path.Combine(arguments.Corpus, "employee_handbook.pdf"), ct);
            int[] scannedPages = [3, 4, 5, 6, 7, 8];
            var scan = Scan(handbook, scannedPages, folder.FullName);
            var parser = new PdfDocumentParser();
            var started = Stopwatch.GetTimestamp();
            var ocr = parser.Parse(scan, "scan.pdf", ct);
            var ocrSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var original = parser.Parse(handbook, "employee_handbook.pdf", ct);
            var (recall, precision) = WordAccuracy(
                string.Join(' ', scannedPages.Select(p => original.Pages[p - 1].Text)),
                string.Join(' ', ocr.Pages.Select(p => p.Text)));
            md.AppendLine(CultureInfo.InvariantCulture, $"OCR of {scannedPages.Length} handbook pages rendered at {ScanDpi} dpi into an image-only PDF, read at 300 dpi by Tesseract (one thread):");
            md.AppendLine();
            md.AppendLine("| figure | value |");
            md.AppendLine("| --- | --- |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| pages per second | {scannedPages.Length / ocrSeconds:0.00} ({ocrSeconds / scannedPages.Length:0.0} s a page) |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| words of the text layer found by OCR (recall) | {recall:P1} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| OCR words that are in the text layer (precision) | {precision:P1} |");
            md.AppendLine();
            Console.WriteLine($"OCR: {scannedPages.Length / ocrSeconds:0.00} pages/s, recall {recall:P1}, precision {precision:P1}");

            var samples = Directory.CreateDirectory(Path.Combine(folder.FullName, "samples")).FullName;
            await File.WriteAllBytesAsync(Path.Combine(samples, "scan.pdf"), scan, ct);
            await File.WriteAllBytesAsync(Path.Combine(samples, "handbook.docx"), Word(original), ct);
            var options = parser.Parse(await File.ReadAllBytesAsync(Path.Combine(arguments.Corpus, "Benefit_Options.pdf"), ct), "Benefit_Options.pdf", ct);
            await File.WriteAllBytesAsync(Path.Combine(samples, "benefit-options.pptx"), Deck(options), ct);
            var overview = await File.ReadAllTextAsync(Path.Combine(arguments.Corpus, "Contoso_Electronics_Company_Overview.md"), ct);
            await File.WriteAllTextAsync(Path.Combine(samples, "overview.html"),
                $"<!DOCTYPE html><html><head><title>Company overview</title><script>track()</script></head><body><nav><a href=/>Home</a></nav><main>{Markdig.Markdown.ToHtml(overview)}</main><footer>Contoso intranet</footer></body></html>", ct);

            var hostile = Directory.CreateDirectory(Path.Combine(folder.FullName, "hostile")).FullName;
            WriteBomb(Path.Combine(hostile, "bomb.docx"), Word(original), 2L * 1024 * 1024 * 1024);
            await File.WriteAllTextAsync(Path.Combine(hostile, "deep.html"),
                "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 200_000)) + "<p>deep</p>" + string.Concat(Enumerable.Repeat("</div>", 200_000)) + "</body></html>", ct);
            await using (var huge = File.Create(Path.Combine(hostile, "huge.html")))
            {
                huge.SetLength(1024L * 1024 * 1024);
            }
            var docx = Word(original);
            await File.WriteAllBytesAsync(Path.Combine(hostile, "truncated.docx"), docx[..(docx.Length / 2)], ct);

            md.AppendLine("A fresh `kp ingest` process per file (model load included), peak resident memory by `/usr/bin/time`:");
            md.AppendLine();
            md.AppendLine("| input | size | result | seconds | peak memory |");
            md.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var file in Directory.EnumerateFiles(samples).Order().Concat([hostile]))
            {
                var run = Ingest(file, Path.Combine(folder.FullName, "data-" + Path.GetFileName(file)));
                var size = File.Exists(file) ? Shared.Documents.FileSizes.Describe(new FileInfo(file).Length) : "4 files";
                var name = File.Exists(file) ? Path.GetFileName(file) : "hostile/ (bomb.docx 2 GB of XML, deep.html 200k nested, huge.html 1 GB, truncated.docx)";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {size} | {run.Result} | {run.Seconds:0.0} | {run.PeakMiB} MiB |");
                Console.WriteLine($"{name}: {run.Result}, {run.Seconds:0.0} s, {run.PeakMiB} MiB");
            }
            md.AppendLine();
            md.AppendLine("Target: a `kp ingest` peaks under 1024 MiB whatever the input.");

            Console.WriteLine(md);
            if (arguments.OutputFile is not null)
            {
                var existing = ResultsFile.Without(File.Exists(arguments.OutputFile) ? await File.ReadAllTextAsync(arguments.OutputFile, ct) : string.Empty, Heading);
                await File.WriteAllTextAsync(arguments.OutputFile, existing.TrimEnd() + Environment.NewLine + Environment.NewLine + md, ct);
                Console.WriteLine($"wrote {arguments.OutputFile}");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (string Result, double Seconds, long PeakMiB) Ingest(string path, string dataDir)
    {
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-f", "peak-kb=%M", "dotnet", Path.Combine(AppContext.BaseDirectory, "kp.dll"), "--data", dataDir, "ingest", path, "--json" })
        {
            start.ArgumentList.Add(argument);
        }
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var peak = error.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("peak-kb=", StringComparison.Ordinal));
        var peakMiB = peak is null ? -1 : long.Parse(peak["peak-kb=".Length..], CultureInfo.InvariantCulture) / 1024;
        return (Summary(output.GetAwaiter().GetResult()), seconds, peakMiB);
    }

    /// <summary>Each file's status, chunks and message from `kp ingest --json`, shortened for a table cell.</summary>
    private static string Summary(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var parts = new List<string>();
            var files = document.RootElement.GetProperty("files");
            foreach (var file in files.EnumerateArray())
            {
                var name = Path.GetFileName(file.GetProperty("file").GetString());
                var status = file.GetProperty("status").GetString();
                var message = file.TryGetProperty("message", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String ? $" ({Short(m.GetString()!)})" : string.Empty;
                var chunks = status == "succeeded" ? $", {file.GetProperty("chunks").GetInt32()} chunks" : string.Empty;
                parts.Add(files.GetArrayLength() == 1 ? $"{status}{chunks}{message}" : $"{name}: {status}{chunks}{message}");
            }
            return string.Join("; ", parts);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Short(json);
        }
    }

    private static string Short(string text) => text.Length <= 70 ? text.Replace("|", "/", StringComparison.Ordinal) : text[..67].Replace("|", "/", StringComparison.Ordinal) + "...";

    /// <summary>Share of the reference's words found in the OCR text, and of the OCR words found in the reference (as multisets).</summary>
    private static (double Recall, double Precision) WordAccuracy(string reference, string ocr)
    {
        static Dictionary<string, int> Bag(string text) => text
            .Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ';', ':', '(', ')', '"', '\'', '!', '?', '*', '\u2022'))
            .Where(w => w.Length > 0)
            .GroupBy(w => w)
            .ToDictionary(g => g.Key, g => g.Count());
        var expected = Bag(reference);
        var found = Bag(ocr);
        var common = expected.Sum(e => Math.Min(e.Value, found.GetValueOrDefault(e.Key)));
        return ((double)common / expected.Values.Sum(), (double)common / Math.Max(1, found.Values.Sum()));
    }

    private static byte[] Scan(byte[] pdf, int[] pages, string folder)
    {
        var input = Path.Combine(folder, "source.pdf");
        File.WriteAllBytes(input, pdf);
        var builder = new PdfDocumentBuilder();
        foreach (var number in pages)
        {
            var image = Path.Combine(folder, $"page{number}");
            using var render = Process.Start("pdftoppm", ["-f", $"{number}", "-l", $"{number}", "-r", $"{ScanDpi}", "-gray", "-png", "-singlefile", input, image])!;
            render.WaitForExit();
            builder.AddPage(PageSize.Letter).AddPng(File.ReadAllBytes(image + ".png"), new PdfRectangle(0, 0, 612, 792));
        }
        return builder.Build();
    }

    /// <summary>The parsed document's headings and paragraphs as a Word file, a page break where its pages break.</summary>
    private static byte[] Word(ParsedDocument parsed)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new W.Body();
            var page = 1;
            foreach (var block in parsed.Blocks)
            {
                if (block.PageNumber != page)
                {
                    body.Append(new W.Paragraph(new W.Run(new W.Break { Type = W.BreakValues.Page })));
                    page = block.PageNumber;
                }
                var paragraph = new W.Paragraph(new W.Run(new W.Text(block.Text)));
                if (block.Kind == BlockKind.Heading)
                {
                    paragraph.ParagraphProperties = new W.ParagraphProperties(new W.ParagraphStyleId { Val = $"Heading{Math.Clamp(block.HeadingPath.Count, 1, 3)}" });
                }
                body.Append(paragraph);
            }
            main.Document = new W.Document(body);
            main.AddNewPart<StyleDefinitionsPart>().Styles = new W.Styles(Enumerable.Range(1, 3).Select(level =>
                new W.Style(new W.StyleName { Val = $"heading {level}" }) { Type = W.StyleValues.Paragraph, StyleId = $"Heading{level}" }));
        }
        return stream.ToArray();
    }

    /// <summary>One slide per heading of the parsed document: the heading as title, what follows as bullets.</summary>
    private static byte[] Deck(ParsedDocument parsed)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var ids = new P.SlideIdList();
            presentation.Presentation = new P.Presentation(ids);
            uint id = 256;
            var sections = new List<(string Title, List<string> Bullets)>();
            foreach (var block in parsed.Blocks)
            {
                if (block.Kind == BlockKind.Heading || sections.Count == 0)
                {
                    sections.Add((block.Kind == BlockKind.Heading ? block.Text : parsed.Title, []));
                }
                if (block.Kind != BlockKind.Heading)
                {
                    sections[^1].Bullets.Add(block.Text);
                }
            }
            foreach (var (title, bullets) in sections)
            {
                var part = presentation.AddNewPart<SlidePart>();
                part.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(
                    Shape(P.PlaceholderValues.Title, [title]),
                    Shape(null, bullets))));
                ids.Append(new P.SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(part) });
            }
        }
        return stream.ToArray();
    }

    private static P.Shape Shape(P.PlaceholderValues? type, IEnumerable<string> paragraphs)
    {
        var body = new P.TextBody(new A.BodyProperties());
        foreach (var paragraph in paragraphs)
        {
            body.Append(new A.Paragraph(new A.Run(new A.Text(paragraph))));
        }
        return new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = 2, Name = "Text" },
                new P.NonVisualShapeDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties(type is null ? new P.PlaceholderShape { Index = 1 } : new P.PlaceholderShape { Type = type })),
            new P.ShapeProperties(),
            body);
    }

    /// <summary>A real package with one more XML part of <paramref name="bytes"/> spaces, which deflate to almost nothing, streamed to <paramref name="path"/>.</summary>
    private static void WriteBomb(string path, byte[] package, long bytes)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = File.Create(path);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var from = entry.Open();
            using var to = zip.CreateEntry(entry.FullName).Open();
            from.CopyTo(to);
        }
        using var part = zip.CreateEntry("customXml/item9.xml", CompressionLevel.Optimal).Open();
        var block = new byte[1 << 20];
        Array.Fill(block, (byte)' ');
        for (long written = 0; written < bytes; written += block.Length)
        {
            part.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
        }
    }
}
