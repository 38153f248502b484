using System.ComponentModel.DataAnnotations;

namespace KnowledgePortal.Shared.Articles;

/// <summary>Settings of knowledge articles (section <c>KnowledgePortal:Articles</c>).</summary>
public sealed class ArticlesOptions
{
    public const string SectionName = "KnowledgePortal:Articles";

    /// <summary>Largest body an article may have, in kilobytes of Markdown.</summary>
    [Range(1, 10_240)]
    public int MaxBodyKb { get; set; } = 256;

    /// <summary>Whether the editor who asked for a review may approve it. Off: a second person approves (administrators always may).</summary>
    public bool AllowSelfApproval { get; set; }

    [Range(1, 3650)]
    public int DefaultVerificationIntervalDays { get; set; } = 90;

    public int MaxBodyChars => MaxBodyKb * 1024;
}
