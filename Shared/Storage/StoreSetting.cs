namespace KnowledgePortal.Shared.Storage;

/// <summary>A key/value fact about the store itself, such as the embedding model that built it.</summary>
public sealed class StoreSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
