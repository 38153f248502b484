namespace KnowledgePortal.Portal.Features.Search;

/// <summary>One choice of a facet, with how many results it has and whether it is applied.</summary>
/// <param name="Detail">What tells this choice apart from another with the same label (a source's file name), if the label may not.</param>
public sealed record FacetValue<T>(T Value, string Label, int Count, bool Selected, string? Detail = null)
{
    /// <summary>The label with its detail: what a tooltip and a screen reader get when the label is cut short on screen.</summary>
    public string FullLabel => Detail is null ? Label : $"{Label} ({Detail})";
}
