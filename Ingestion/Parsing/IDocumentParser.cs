using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>Turns the bytes of one kind of document into pages and blocks.</summary>
public interface IDocumentParser
{
    DocumentKind Kind { get; }

    /// <summary>Parses <paramref name="content"/>.</summary>
    /// <exception cref="DocumentParseException">The content cannot be read; the message is for a person.</exception>
    ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken);
}
