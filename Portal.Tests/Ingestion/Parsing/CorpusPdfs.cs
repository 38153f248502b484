using System.Diagnostics;
using KnowledgePortal.Ingestion.Parsing;
using KnowledgePortal.Tests.TestSupport;

namespace KnowledgePortal.Tests.Ingestion.Parsing;

/// <summary>The six corpus PDFs, parsed once for all the tests that look at them.</summary>
public sealed class CorpusPdfs
{
    public static readonly string[] FileNames =
    [
        "Benefit_Options.pdf",
        "Northwind_Health_Plus_Benefits_Details.pdf",
        "Northwind_Standard_Benefits_Details.pdf",
        "PerksPlus.pdf",
        "employee_handbook.pdf",
        "role_library.pdf",
    ];

    public CorpusPdfs()
    {
        var parser = new PdfDocumentParser();
        var stopwatch = Stopwatch.StartNew();
        Documents = FileNames.ToDictionary(
            name => name,
            name => parser.Parse(Corpus.ReadAllBytes(name), name, CancellationToken.None));
        Elapsed = stopwatch.Elapsed;
    }

    public IReadOnlyDictionary<string, ParsedDocument> Documents { get; }

    /// <summary>Wall time of the first (cold) parse of all six, for the record, never asserted.</summary>
    public TimeSpan Elapsed { get; }

    public ParsedDocument this[string fileName] => Documents[fileName];
}
