using KnowledgePortal.Portal.Features.Sources;
using KnowledgePortal.Shared.Answering;
using KnowledgePortal.Shared.Curation;
using KnowledgePortal.Shared.Conversations;

namespace KnowledgePortal.Portal.Components.Pages.Ask;

/// <summary>One question and its answer on the Ask page, while it streams and after.</summary>
public sealed class Turn(string question)
{
    public string Question { get; } = question;

    public string Text { get; set; } = string.Empty;

    public IReadOnlyList<DisplayedCitation> Citations { get; set; } = [];

    public bool Streaming { get; set; }

    public bool Stopped { get; set; }

    public bool NotFound { get; set; }

    public bool Withheld { get; set; }

    public string? Notice { get; set; }

    public string? Error { get; set; }

    /// <summary>Set once the answer is saved; feedback needs it.</summary>
    public long? MessageId { get; set; }

    /// <summary>The feedback already given on this answer, shown instead of asking again.</summary>
    public GivenFeedback? Feedback { get; set; }

    public bool Completed => !Streaming && Error is null;

    public void Complete(Answer answer, bool stopped)
    {
        Text = answer.Text;
        NotFound = answer.NotFound;
        Notice = answer.Notice;
        Stopped = stopped;
        Streaming = false;
        Citations = answer.Citations
            .Select(c => new DisplayedCitation(c.Number, c.Passage.DocumentId, c.Passage.DocumentName, c.Passage.DocumentTitle, c.Passage.ChunkId, c.Passage.PageStart, c.Passage.PageEnd, c.Quote, c.Passage.Kind))
            .ToList();
    }

    /// <summary>Points each citation spanning pages at the page its quote is on.</summary>
    public async Task PlaceCitationsAsync(QuotePageLocator locator, CancellationToken cancellationToken)
    {
        var placed = new List<DisplayedCitation>(Citations.Count);
        foreach (var citation in Citations)
        {
            placed.Add(citation with
            {
                Page = await locator.PageOfAsync(citation.DocumentId, citation.PageStart, citation.PageEnd, citation.Quote, cancellationToken),
            });
        }
        Citations = placed;
    }

    /// <summary>Marks the citations of curated articles (with their verification) and of outdated documents, as readers see them now.</summary>
    public async Task BadgeCitationsAsync(SourceBadges sourceBadges, CancellationToken cancellationToken)
    {
        var badges = await sourceBadges.ForAsync(Citations.Select(c => c.DocumentId), cancellationToken);
        Citations = [.. Citations.Select(c => c with { Badge = badges.GetValueOrDefault(c.DocumentId) })];
    }

    public static Turn FromHistory(MessageView message) => new(message.Question)
    {
        Text = message.Answer,
        NotFound = message.NotFound,
        Stopped = message.Stopped,
        Notice = message.Notice,
        Withheld = message.Withheld,
        MessageId = message.Id,
        Citations = message.Citations
            .Select(c => new DisplayedCitation(c.Number, c.DocumentId, c.DocumentName, c.DocumentTitle, c.ChunkId, c.PageStart, c.PageEnd, c.Quote, c.Kind))
            .ToList(),
    };
}
