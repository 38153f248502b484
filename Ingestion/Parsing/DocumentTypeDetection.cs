using System.Diagnostics.CodeAnalysis;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// What <see cref="DocumentTypeDetector"/> found: the kind to parse the file as, or why it cannot
/// be ingested, in words for the person who added it.
/// </summary>
public sealed record DocumentTypeDetection
{
    private DocumentTypeDetection(DocumentKind? kind, string? error, string? note)
    {
        Kind = kind;
        Error = error;
        Note = note;
    }

    /// <summary>The kind decided from the content; null when the file cannot be ingested.</summary>
    public DocumentKind? Kind { get; }

    /// <summary>Why the file cannot be ingested ("report.pdf is really a PNG image, ..."); null when it can.</summary>
    public string? Error { get; }

    /// <summary>Worth telling but not a failure, e.g. a ".pdf" that is really text and was read as text.</summary>
    public string? Note { get; }

    [MemberNotNullWhen(true, nameof(Kind))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSupported => Kind is not null;

    public static DocumentTypeDetection Supported(DocumentKind kind, string? note = null) => new(kind, null, note);

    public static DocumentTypeDetection Unsupported(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new DocumentTypeDetection(null, error, null);
    }
}
