using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// The parsers by document kind, and the one entry point the pipeline needs: detect what a file
/// is from its bytes, then parse it with the matching parser.
/// </summary>
public sealed class DocumentParserRegistry
{
    private readonly Dictionary<DocumentKind, IDocumentParser> parsers;

    public DocumentParserRegistry(IEnumerable<IDocumentParser> parsers)
    {
        ArgumentNullException.ThrowIfNull(parsers);
        this.parsers = new Dictionary<DocumentKind, IDocumentParser>();
        foreach (var parser in parsers)
        {
            // The last registration wins, so a host can replace a parser by adding its own.
            this.parsers[parser.Kind] = parser;
        }
    }

    /// <summary>The kinds a parser is registered for.</summary>
    public IReadOnlyCollection<DocumentKind> Kinds => this.parsers.Keys;

    /// <exception cref="InvalidOperationException">No parser is registered for <paramref name="kind"/> (a wiring mistake, not bad input).</exception>
    public IDocumentParser GetParser(DocumentKind kind) =>
        this.parsers.TryGetValue(kind, out var parser)
            ? parser
            : throw new InvalidOperationException($"No document parser is registered for {kind}; call AddDocumentParsing().");

    /// <summary>Detects the kind of <paramref name="content"/> and parses it.</summary>
    /// <exception cref="DocumentParseException">The file is not a supported document or cannot be read; the message is for a person.</exception>
    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var detection = DocumentTypeDetector.Detect(content.Span, fileName);
        if (!detection.IsSupported)
        {
            throw new DocumentParseException(detection.Error);
        }
        return GetParser(detection.Kind.Value).Parse(content, fileName, cancellationToken);
    }
}
