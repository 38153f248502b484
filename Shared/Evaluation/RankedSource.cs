namespace KnowledgePortal.Shared.Evaluation;

/// <summary>One retrieved passage as the evaluation sees it: which file and pages.</summary>
public sealed record RankedSource(string Document, int PageStart, int PageEnd)
{
    public override string ToString() =>
        PageStart == PageEnd ? $"{Document} p. {PageStart}" : $"{Document} pp. {PageStart}-{PageEnd}";
}
