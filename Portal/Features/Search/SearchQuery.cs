using System.Globalization;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Portal.Features.Search;

/// <summary>
/// What the search page shows, all of it in the address (<c>/search?q=&amp;kind=&amp;doc=&amp;date=&amp;p=</c>)
/// so a search can be bookmarked, shared, and walked back with the browser's Back button.
/// </summary>
public sealed record SearchQuery
{
    public string Text { get; init; } = string.Empty;

    public IReadOnlySet<DocumentKind> Kinds { get; init; } = new HashSet<DocumentKind>();

    public IReadOnlySet<Guid> DocumentIds { get; init; } = new HashSet<Guid>();

    public IndexedWithin Date { get; init; } = IndexedWithin.Any;

    /// <summary>1-based page of documents.</summary>
    public int Page { get; init; } = 1;

    public bool HasFilters => Kinds.Count > 0 || DocumentIds.Count > 0 || Date != IndexedWithin.Any;

    /// <summary>Reads the address's values; anything malformed is ignored rather than an error.</summary>
    public static SearchQuery Parse(string? text, IEnumerable<string?>? kinds, IEnumerable<string?>? documents, string? date, string? page) => new()
    {
        Text = text?.Trim() ?? string.Empty,
        Kinds = (kinds ?? []).Select(ParseKind).OfType<DocumentKind>().ToHashSet(),
        DocumentIds = (documents ?? []).Select(QueryValues.Guid).OfType<Guid>().ToHashSet(),
        Date = IndexedWithinExtensions.ParseQueryValue(date),
        Page = QueryValues.PositiveInt(page) ?? 1,
    };

    public SearchQuery ToggleKind(DocumentKind kind) => this with { Kinds = Toggle(Kinds, kind), Page = 1 };

    public SearchQuery ToggleDocument(Guid id) => this with { DocumentIds = Toggle(DocumentIds, id), Page = 1 };

    public SearchQuery WithDate(IndexedWithin date) => this with { Date = Date == date ? IndexedWithin.Any : date, Page = 1 };

    public SearchQuery WithoutFilters() => this with { Kinds = new HashSet<DocumentKind>(), DocumentIds = new HashSet<Guid>(), Date = IndexedWithin.Any, Page = 1 };

    public SearchQuery AtPage(int page) => this with { Page = page };

    /// <summary>The address of this search, in a stable order.</summary>
    public string ToUrl()
    {
        var parts = new List<string>();
        if (Text.Length > 0)
        {
            parts.Add("q=" + Uri.EscapeDataString(Text));
        }
        parts.AddRange(Kinds.Order().Select(k => "kind=" + KindValue(k)));
        parts.AddRange(DocumentIds.Order().Select(d => "doc=" + d.ToString("D", CultureInfo.InvariantCulture)));
        if (Date.ToQueryValue() is { } date)
        {
            parts.Add("date=" + date);
        }
        if (Page > 1)
        {
            parts.Add("p=" + Page.ToString(CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "/search" : "/search?" + string.Join("&", parts);
    }

    public static string KindValue(DocumentKind kind) => DocumentKinds.Code(kind);

    private static DocumentKind? ParseKind(string? value) =>
        Enum.TryParse<DocumentKind>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;

    private static HashSet<T> Toggle<T>(IReadOnlySet<T> set, T value)
    {
        var copy = set.ToHashSet();
        if (!copy.Remove(value))
        {
            copy.Add(value);
        }
        return copy;
    }
}
