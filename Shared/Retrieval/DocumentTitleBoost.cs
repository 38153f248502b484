using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Shared.Retrieval;

/// <summary>
/// People name the document they mean ("under Northwind Standard...", "in the travel policy"). A query
/// word that appears in some candidate documents' titles or file names but not in all of them says
/// which document is meant; each candidate document scores the share of those words (weighted by how
/// rare they are among the titles) that its own title carries, from 0 to 1.
/// </summary>
public static class DocumentTitleBoost
{
    public static IReadOnlyDictionary<Guid, double> Score(string query, IReadOnlyDictionary<Guid, (string Name, string? Title)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var scores = new Dictionary<Guid, double>();
        if (documents.Count < 2)
        {
            return scores;
        }
        var queryTerms = QueryTerms.Extract(query ?? string.Empty).Select(WordStems.Of).ToHashSet(StringComparer.Ordinal);
        var titleTerms = documents.ToDictionary(d => d.Key, d => TitleTerms(d.Value.Name, d.Value.Title));
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in queryTerms)
        {
            var frequency = titleTerms.Values.Count(t => t.Contains(term));
            if (frequency > 0 && frequency < documents.Count)
            {
                weights[term] = Math.Log(documents.Count / (double)frequency);
            }
        }
        var total = weights.Values.Sum();
        if (total <= 0)
        {
            return scores;
        }
        foreach (var (id, terms) in titleTerms)
        {
            var matched = weights.Where(w => terms.Contains(w.Key)).Sum(w => w.Value);
            if (matched > 0)
            {
                scores[id] = matched / total;
            }
        }
        return scores;
    }

    private static HashSet<string> TitleTerms(string name, string? title)
    {
        var fileName = Path.GetFileNameWithoutExtension(name).Replace('_', ' ').Replace('-', ' ');
        return QueryTerms.Extract(fileName + " " + title).Select(WordStems.Of).ToHashSet(StringComparer.Ordinal);
    }
}
