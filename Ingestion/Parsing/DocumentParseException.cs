namespace KnowledgePortal.Ingestion.Parsing;

/// <summary>
/// A document that cannot be ingested, with a message written for the person who added it
/// ("the PDF is encrypted", "no extractable text; OCR is not supported"), never a stack trace.
/// </summary>
public sealed class DocumentParseException(string message, Exception? inner = null) : Exception(message, inner);
