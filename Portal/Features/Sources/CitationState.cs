namespace KnowledgePortal.Portal.Features.Sources;

/// <summary>What became of the passage a viewer link cited.</summary>
public enum CitationState
{
    /// <summary>The link cited no passage.</summary>
    None,

    /// <summary>The passage is on the page shown and highlighted.</summary>
    Highlighted,

    /// <summary>The passage is in this document, on other pages than the one shown.</summary>
    OnOtherPages,

    /// <summary>
    /// The passage is not in this document (any more): its text changed since it was cited (a re-index of
    /// unchanged text keeps passage ids), or the link names another document's passage. Both read the same, so nothing leaks.
    /// </summary>
    Gone,
}
