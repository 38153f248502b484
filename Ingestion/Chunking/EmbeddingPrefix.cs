namespace KnowledgePortal.Ingestion.Chunking;

/// <summary>Context written before a chunk's text when it is embedded (never shown to people).</summary>
public enum EmbeddingPrefix
{
    None,
    Title,
    TitleAndHeadings,
}
