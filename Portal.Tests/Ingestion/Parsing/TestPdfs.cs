using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

/// <summary>
/// PDFs built inside the tests: the odd cases (encrypted, empty, image-only, running headers)
/// are not in the corpus, and fixtures made here cannot drift from what the tests claim.
/// </summary>
internal static class TestPdfs
{
    public const string RunningHeader = "Northwind Health Plus - Member Guide 2024";

    /// <summary>
    /// Five A4 pages, each with a running header, a "Page N of 5" footer, a bold 16 pt heading
    /// and a paragraph set over several 11 pt lines, one of them broken as "reim-" / "bursement".
    /// </summary>
    public static byte[] WithRunningHeaderAndFooter(int pages = 5)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        for (var number = 1; number <= pages; number++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText(RunningHeader, 9, new PdfPoint(72, 800), regular);
            page.AddText($"Section {number}: Claims and reimbursement", 16, new PdfPoint(72, 740), bold);
            string[] lines =
            [
                $"Members of plan {number} submit each claim within ninety days of the",
                "service. Claims sent later are reviewed case by case, and the reim-",
                "bursement is paid to the account on file once the claim is approved,",
                "minus any out-of-",
                "pocket share owed under the plan.",
            ];
            var y = 712.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(72, y), regular);
                y -= 14;
            }
            page.AddText("A second paragraph follows after a blank line and stays separate.", 11, new PdfPoint(72, y - 14), regular);
            page.AddText($"Page {number} of {pages}", 9, new PdfPoint(280, 30), regular);
        }
        return builder.Build();
    }

    /// <summary>One page in two columns whose lines sit at the same heights, with a title in the metadata.</summary>
    public static byte[] TwoColumns(string infoTitle)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = infoTitle;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        string[] left = ["The left column opens the", "argument and keeps going", "down its own narrow lane", "until it reaches the end."];
        string[] right = ["The right column is read", "only after the left one", "has been read completely", "from its top to its end."];
        for (var i = 0; i < left.Length; i++)
        {
            page.AddText(left[i], 11, new PdfPoint(72, 700 - (i * 14)), font);
            page.AddText(right[i], 11, new PdfPoint(330, 700 - (i * 14)), font);
        }
        // A list whose bullets are drawn apart from their text, as Word does with symbol bullets.
        string[] items = ["Receipts within 30 days", "Approval by a manager"];
        for (var i = 0; i < items.Length; i++)
        {
            page.AddText("\u2022", 11, new PdfPoint(72, 620 - (i * 14)), font);
            page.AddText(items[i], 11, new PdfPoint(90, 620 - (i * 14)), font);
        }
        return builder.Build();
    }

    /// <summary>Body type only: a short line standing alone above each paragraph, as Word's "Normal" subheadings look.</summary>
    public static byte[] RunInSubheadings()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        var y = 720.0;
        foreach (var (subheading, body) in new[]
        {
            ("Eligibility", new[] { "Every employee on a permanent contract may join the plan from the", "first day of the month after their start date, as may their partners." }),
            ("Premiums", new[] { "Premiums are deducted from salary each month and shown on the", "payslip under the heading of health cover, before tax is worked out." }),
        })
        {
            page.AddText(subheading, 11, new PdfPoint(72, y), font);
            y -= 28;
            foreach (var line in body)
            {
                page.AddText(line, 11, new PdfPoint(72, y), font);
                y -= 14;
            }
            y -= 28;
        }
        return builder.Build();
    }

    /// <summary>A page with vector drawing only: lines and rectangles, not one glyph.</summary>
    public static byte[] VectorDrawingOnly()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(72, 500), 300, 200, 2);
        page.DrawLine(new PdfPoint(72, 400), new PdfPoint(500, 400), 3);
        builder.AddPage(PageSize.A4).DrawRectangle(new PdfPoint(100, 100), 50, 50);
        return builder.Build();
    }

    /// <summary>A "scan": one page showing a small RGB image and nothing else.</summary>
    public static byte[] ImageOnly()
    {
        var pixels = new byte[4 * 4 * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 17);
        }
        var writer = new MinimalPdfWriter();
        writer.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        writer.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        writer.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>");
        writer.AddStream(4, "", Encoding.ASCII.GetBytes("q 400 0 0 400 97 300 cm /Im1 Do Q"));
        writer.AddStream(5, "/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceRGB /BitsPerComponent 8", pixels);
        return writer.Build(rootObject: 1);
    }

    /// <summary>
    /// A PDF of <paramref name="pages"/> pages, each saying "This is page N.", where the pages in
    /// <paramref name="unreadable"/> have a contents entry that is not a stream.
    /// </summary>
    public static byte[] WithUnreadablePages(int pages, params int[] unreadable)
    {
        var writer = new MinimalPdfWriter();
        writer.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        writer.Add(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        var kids = new List<string>();
        for (var number = 1; number <= pages; number++)
        {
            var page = 2 + (2 * number);
            kids.Add($"{page} 0 R");
            writer.Add(page, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {page + 1} 0 R >>");
            if (unreadable.Contains(number))
            {
                writer.Add(page + 1, "<< /NotAStream true >>");
            }
            else
            {
                writer.AddStream(page + 1, "", Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 720 Td (This is page {number} of the travel guide.) Tj ET"));
            }
        }
        writer.Add(2, $"<< /Type /Pages /Kids [{string.Join(' ', kids)}] /Count {pages} >>");
        return writer.Build(rootObject: 1);
    }

    /// <summary>
    /// A scan of real pages: each of <paramref name="pages"/> of <paramref name="source"/> is rendered to
    /// a grey 150 dpi image by poppler's pdftoppm (which the test command installs) and placed full-page
    /// in a new PDF that has no text layer at all. Pages in <paramref name="keepText"/> are copied as text instead.
    /// </summary>
    public static byte[] Scanned(byte[] source, int[] pages, params string[] keepText)
    {
        var folder = Directory.CreateTempSubdirectory("kp-scan-");
        try
        {
            var input = Path.Combine(folder.FullName, "source.pdf");
            File.WriteAllBytes(input, source);
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            foreach (var text in keepText)
            {
                builder.AddPage(PageSize.A4).AddText(text, 12, new PdfPoint(72, 720), font);
            }
            foreach (var number in pages)
            {
                var image = Path.Combine(folder.FullName, $"page{number}");
                var render = System.Diagnostics.Process.Start("pdftoppm", ["-f", $"{number}", "-l", $"{number}", "-r", "150", "-gray", "-png", "-singlefile", input, image])!;
                render.WaitForExit();
                Assert.True(render.ExitCode == 0, "pdftoppm failed: run the tests through test.sh, which installs poppler-utils");
                var page = builder.AddPage(PageSize.A4);
                page.AddPng(File.ReadAllBytes(image + ".png"), new PdfRectangle(0, 0, 595, 842));
            }
            return builder.Build();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A statement of operations as filings set it: a paragraph, then labels at the left margin with
    /// their figures in three columns far to the right, and a closing paragraph.
    /// </summary>
    public static byte[] FinancialTable()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.Letter);
        page.AddText("The table below shows net sales by category for the quarter.", 10, new PdfPoint(72, 720), font);
        string[][] rows =
        [
            ["", "2022", "2021", "Change"],
            ["Products", "63,355", "63,948", "(1)%"],
            ["Services", "19,604", "17,486", "12%"],
            ["Total net sales", "82,959", "81,434", "2%"],
        ];
        var y = 690.0;
        foreach (var row in rows)
        {
            page.AddText(row[0], 10, new PdfPoint(72, y), font);
            for (var column = 1; column < row.Length; column++)
            {
                page.AddText(row[column], 10, new PdfPoint(300 + ((column - 1) * 90), y), font);
            }
            y -= 14;
        }
        page.AddText("Services grew faster than products in every region.", 10, new PdfPoint(72, y - 20), font);
        return builder.Build();
    }

    /// <summary>A well-formed PDF whose page tree has no pages.</summary>
    public static byte[] ZeroPages()
    {
        var writer = new MinimalPdfWriter();
        writer.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        writer.Add(2, "<< /Type /Pages /Kids [] /Count 0 >>");
        return writer.Build(rootObject: 1);
    }

    /// <summary>A one-page PDF with real text, unencrypted, to show the hand-written structure is sound.</summary>
    public static byte[] PlainText(string text) => Encrypted(text, userPassword: null, ownerPassword: null);

    /// <summary>
    /// A one-page PDF encrypted with the standard security handler, revision 2 (RC4, 40-bit key),
    /// following the PDF specification's algorithms 2, 3 and 4. With a null user password the
    /// file is not encrypted at all.
    /// </summary>
    public static byte[] Encrypted(string text, string? userPassword, string? ownerPassword)
    {
        var id = Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF");
        const int permissions = -44;
        byte[]? key = null;
        byte[]? owner = null;
        byte[]? user = null;
        if (userPassword is not null)
        {
            owner = OwnerEntry(ownerPassword ?? userPassword, userPassword);
            key = FileKey(userPassword, owner, permissions, id);
            user = Rc4(key, Padding);
        }

        byte[] Protect(int objectNumber, byte[] data) => key is null ? data : Rc4(ObjectKey(key, objectNumber), data);

        var writer = new MinimalPdfWriter();
        writer.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        writer.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        writer.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
        var content = Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        writer.AddStream(4, "", Protect(4, content));
        writer.Add(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        string? encrypt = null;
        if (key is not null)
        {
            writer.Add(6, $"<< /Filter /Standard /V 1 /R 2 /O <{Convert.ToHexString(owner!)}> /U <{Convert.ToHexString(user!)}> /P {permissions} >>");
            encrypt = "/Encrypt 6 0 R";
        }
        return writer.Build(rootObject: 1, extraTrailer: $"/ID [<{Convert.ToHexString(id)}> <{Convert.ToHexString(id)}>] {encrypt}");
    }

    private static readonly byte[] Padding = Convert.FromHexString(
        "28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A");

    private static byte[] Pad(string password)
    {
        var bytes = Encoding.Latin1.GetBytes(password);
        var padded = new byte[32];
        var length = Math.Min(bytes.Length, 32);
        bytes.AsSpan(0, length).CopyTo(padded);
        Padding.AsSpan(0, 32 - length).CopyTo(padded.AsSpan(length));
        return padded;
    }

    // Algorithm 3, revision 2: RC4 of the padded user password under MD5(padded owner password)[0..5].
    private static byte[] OwnerEntry(string ownerPassword, string userPassword) =>
        Rc4(MD5.HashData(Pad(ownerPassword))[..5], Pad(userPassword));

    // Algorithm 2: MD5 over padded user password, O entry, P (little-endian) and the first file ID; 5 bytes for 40-bit RC4.
    private static byte[] FileKey(string userPassword, byte[] owner, int permissions, byte[] id)
    {
        var input = new List<byte>();
        input.AddRange(Pad(userPassword));
        input.AddRange(owner);
        input.AddRange(BitConverter.GetBytes(permissions));
        input.AddRange(id);
        return MD5.HashData(input.ToArray())[..5];
    }

    // Per-object key: MD5(file key + object number (3 bytes LE) + generation (2 bytes LE)), n + 5 bytes.
    private static byte[] ObjectKey(byte[] key, int objectNumber)
    {
        var input = new byte[key.Length + 5];
        key.CopyTo(input, 0);
        input[key.Length] = (byte)objectNumber;
        input[key.Length + 1] = (byte)(objectNumber >> 8);
        input[key.Length + 2] = (byte)(objectNumber >> 16);
        return MD5.HashData(input)[..Math.Min(key.Length + 5, 16)];
    }

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        var s = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            s[i] = (byte)i;
        }
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }
        var output = new byte[data.Length];
        for (int n = 0, i = 0, j = 0; n < data.Length; n++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[n] = (byte)(data[n] ^ s[(s[i] + s[j]) & 0xFF]);
        }
        return output;
    }

    /// <summary>Writes numbered objects with a correct cross-reference table.</summary>
    private sealed class MinimalPdfWriter
    {
        private readonly SortedDictionary<int, byte[]> objects = [];

        public void Add(int number, string body) =>
            this.objects[number] = Encoding.ASCII.GetBytes($"{number} 0 obj\n{body}\nendobj\n");

        public void AddStream(int number, string dictionaryEntries, byte[] data)
        {
            var head = Encoding.ASCII.GetBytes($"{number} 0 obj\n<< {dictionaryEntries} /Length {data.Length} >>\nstream\n");
            var tail = "\nendstream\nendobj\n"u8.ToArray();
            this.objects[number] = [.. head, .. data, .. tail];
        }

        public byte[] Build(int rootObject, string extraTrailer = "")
        {
            using var output = new MemoryStream();
            output.Write("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"u8);
            var offsets = new Dictionary<int, long>();
            foreach (var (number, bytes) in this.objects)
            {
                offsets[number] = output.Position;
                output.Write(bytes);
            }
            var xref = output.Position;
            var size = this.objects.Keys.Max() + 1;
            var table = new StringBuilder();
            table.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n");
            for (var number = 1; number < size; number++)
            {
                table.Append(offsets.TryGetValue(number, out var offset)
                    ? $"{offset:D10} 00000 n \n"
                    : "0000000000 65535 f \n");
            }
            table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {rootObject} 0 R {extraTrailer} >>\nstartxref\n{xref}\n%%EOF\n");
            output.Write(Encoding.ASCII.GetBytes(table.ToString()));
            return output.ToArray();
        }
    }
}
