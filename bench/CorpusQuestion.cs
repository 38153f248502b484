using System.Text.Json;

namespace KnowledgePortal.Bench;

/// <summary>One line of questions.jsonl / unanswerable.jsonl.</summary>
internal sealed record CorpusQuestion(string Id, string Question, IReadOnlyList<(string File, int Page)> Citations)
{
    public static List<CorpusQuestion> Load(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(Parse).ToList();

    private static CorpusQuestion Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var citations = new List<(string, int)>();
        if (root.TryGetProperty("citations", out var list))
        {
            foreach (var c in list.EnumerateArray())
            {
                citations.Add((c.GetProperty("file").GetString()!, c.GetProperty("page").GetInt32()));
            }
        }
        return new CorpusQuestion(root.GetProperty("id").GetString()!, root.GetProperty("question").GetString()!, citations);
    }

    /// <summary>
    /// The corpus README's rule: a passage hits citation (file, N) when it comes from that file and
    /// its pages include N or N+1.
    /// </summary>
    public bool IsHit(string document, int pageStart, int pageEnd) =>
        Citations.Any(c => string.Equals(c.File, document, StringComparison.OrdinalIgnoreCase)
            && ((c.Page >= pageStart && c.Page <= pageEnd) || (c.Page + 1 >= pageStart && c.Page + 1 <= pageEnd)));
}
