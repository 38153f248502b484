using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Shared.Storage;

/// <summary>Where the knowledge base lives. Bound from the <c>KnowledgePortal</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "KnowledgePortal";

    /// <summary>The data directory: database, stored originals. Relative paths are resolved against the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDir { get; set; } = "data";
}
