using System.Globalization;
using System.Text.Json;

namespace KnowledgePortal.Shared.Evaluation;

/// <summary>
/// Reads a golden set: JSON lines of <c>{"id", "question", "citations": [{"file", "page"}]}</c> (page
/// 1-based, or null/absent when only the file is known; no citations for a question the documents
/// cannot answer). Other fields (truth, type) are ignored. A bad line is refused with its number.
/// </summary>
public static class GoldenSet
{
    public static async Task<IReadOnlyList<GoldenQuestion>> LoadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllLinesAsync(path, cancellationToken), Path.GetFileName(path));

    public static IReadOnlyList<GoldenQuestion> Parse(IEnumerable<string> lines, string name)
    {
        var questions = new List<GoldenQuestion>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                questions.Add(ParseLine(line, name, number));
            }
        }
        return questions.Count > 0 ? questions : throw new GoldenSetFormatException($"{name} holds no questions.");
    }

    private static GoldenQuestion ParseLine(string line, string name, int number)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad("is not a JSON object");
            }
            var question = root.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(q.GetString())
                ? q.GetString()!
                : throw Bad("has no \"question\"");
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? idElement.ToString()
                : number.ToString(CultureInfo.InvariantCulture);
            var citations = new List<GoldenCitation>();
            if (root.TryGetProperty("citations", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw Bad("has \"citations\" that is not a list");
                }
                foreach (var citation in list.EnumerateArray())
                {
                    citations.Add(ParseCitation(citation) ?? throw Bad("has a citation without \"file\" or with a page that is not a whole number of at least 1"));
                }
            }
            return new GoldenQuestion(id, question, citations);
        }
        catch (JsonException e)
        {
            throw Bad($"is not JSON ({e.Message})");
        }

        GoldenSetFormatException Bad(string what) => new($"{name} line {number} {what}.");
    }

    private static GoldenCitation? ParseCitation(JsonElement citation)
    {
        if (citation.ValueKind != JsonValueKind.Object
            || !citation.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(file.GetString()))
        {
            return null;
        }
        if (!citation.TryGetProperty("page", out var page) || page.ValueKind == JsonValueKind.Null)
        {
            return new GoldenCitation(file.GetString()!, null);
        }
        return page.ValueKind == JsonValueKind.Number && page.TryGetInt32(out var number) && number >= 1
            ? new GoldenCitation(file.GetString()!, number)
            : null;
    }
}
