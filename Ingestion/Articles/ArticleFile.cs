using System.Globalization;
using System.Text;
using KnowledgePortal.Shared.Articles;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KnowledgePortal.Ingestion.Articles;

/// <summary>
/// An article as a Markdown file with YAML front matter, the format of <c>kp articles import|export</c>:
/// <code>
/// ---
/// id: 0193…           (written by export; an import with it updates that article)
/// title: Parking for visitors
/// summary: Where visitors park.
/// tags: [facilities, parking]
/// audience: [HR, Finance]      (or everyone)
/// owner: alice@example.com
/// verifier: bob@example.com    (or group:Facilities)
/// verification_interval_days: 90
/// valid_until: 2027-06-30
/// state: published             (draft, in_review, published, retired)
/// ---
/// Markdown body
/// </code>
/// </summary>
/// <param name="Lines">Line of each front-matter key in the file, so a problem names the line it is on.</param>
public sealed record ArticleFile(
    Guid? Id,
    string Title,
    string? Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Audience,
    string? Owner,
    string? Verifier,
    int? VerificationIntervalDays,
    DateTimeOffset? ValidUntil,
    ArticleState State,
    string Body,
    IReadOnlyDictionary<string, int>? Lines = null)
{
    private static readonly Dictionary<string, ArticleState> States = new(StringComparer.OrdinalIgnoreCase)
    {
        ["draft"] = ArticleState.Draft,
        ["in_review"] = ArticleState.InReview,
        ["in review"] = ArticleState.InReview,
        ["review"] = ArticleState.InReview,
        ["published"] = ArticleState.Published,
        ["retired"] = ArticleState.Retired,
    };

    /// <summary>The line of a front-matter key, or 1 when it is not there.</summary>
    public int LineOf(string key) => Lines is not null && Lines.TryGetValue(key, out var line) ? line : 1;

    /// <summary>Reads a file's text; throws <see cref="ArticleFileException"/> naming the line of the problem.</summary>
    public static ArticleFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n").TrimStart('\uFEFF');
        if (!normalized.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new ArticleFileException(1, "the file does not start with front matter (a line '---', the fields, then '---')");
        }
        var end = normalized.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new ArticleFileException(1, "the front matter is not closed by a line '---'");
        }
        var yaml = normalized[4..(end + 1)];
        var afterFence = normalized.IndexOf('\n', end + 1);
        var body = afterFence < 0 ? string.Empty : normalized[(afterFence + 1)..].TrimStart('\n');

        YamlMappingNode fields;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            fields = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new ArticleFileException(2, "the front matter is not a list of 'key: value' fields");
        }
        catch (YamlException e)
        {
            // Line 1 of the YAML is line 2 of the file (after the opening '---').
            throw new ArticleFileException((int)e.Start.Line + 1, $"the front matter does not parse: {e.InnerException?.Message ?? e.Message}");
        }

        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in fields.Children)
        {
            var name = ((key as YamlScalarNode)?.Value ?? string.Empty).Trim();
            lines[name] = (int)key.Start.Line + 1;
            values[name] = value;
        }
        string? Scalar(string key) => values.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { } v } && v.Trim().Length > 0 ? v.Trim() : null;
        IReadOnlyList<string> List(string key) => values.TryGetValue(key, out var node)
            ? node switch
            {
                YamlSequenceNode sequence => [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? string.Empty).Where(s => s.Length > 0)],
                YamlScalarNode { Value: { } v } => [.. v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                _ => [],
            }
            : [];
        int Line(string key) => lines.TryGetValue(key, out var line) ? line : 1;

        var title = Scalar("title") ?? throw new ArticleFileException(1, "the front matter has no title");
        Guid? id = null;
        if (Scalar("id") is { } rawId)
        {
            id = Guid.TryParse(rawId, out var parsed) ? parsed : throw new ArticleFileException(Line("id"), $"id \"{rawId}\" is not an article id");
        }
        var state = ArticleState.Draft;
        if (Scalar("state") is { } rawState && !States.TryGetValue(rawState, out state))
        {
            throw new ArticleFileException(Line("state"), $"unknown state \"{rawState}\" (draft, in_review, published or retired)");
        }
        int? interval = null;
        if (Scalar("verification_interval_days") is { } rawInterval)
        {
            interval = int.TryParse(rawInterval, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650
                ? days
                : throw new ArticleFileException(Line("verification_interval_days"), $"verification_interval_days \"{rawInterval}\" is not a number of days from 1 to 3650");
        }
        DateTimeOffset? validUntil = null;
        if (Scalar("valid_until") is { } rawUntil)
        {
            validUntil = DateTimeOffset.TryParse(rawUntil, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
                ? until
                : throw new ArticleFileException(Line("valid_until"), $"valid_until \"{rawUntil}\" is not a date (2027-06-30)");
        }
        return new ArticleFile(id, title, Scalar("summary"), List("tags"), List("audience"), Scalar("owner"), Scalar("verifier"),
            interval, validUntil, state, body, lines);
    }

    /// <summary>The file's text; <see cref="Parse"/> reads it back to the same article.</summary>
    public string Write()
    {
        var text = new StringBuilder("---\n");
        if (Id is { } id)
        {
            text.Append("id: ").Append(id.ToString("D")).Append('\n');
        }
        text.Append("title: ").Append(Quote(Title)).Append('\n');
        if (Summary is not null)
        {
            text.Append("summary: ").Append(Quote(Summary)).Append('\n');
        }
        text.Append("tags: [").Append(string.Join(", ", Tags.Select(Quote))).Append("]\n");
        text.Append("audience: [").Append(string.Join(", ", Audience.Select(Quote))).Append("]\n");
        if (Owner is not null)
        {
            text.Append("owner: ").Append(Quote(Owner)).Append('\n');
        }
        if (Verifier is not null)
        {
            text.Append("verifier: ").Append(Quote(Verifier)).Append('\n');
        }
        if (VerificationIntervalDays is { } days)
        {
            text.Append("verification_interval_days: ").Append(days.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        if (ValidUntil is { } until)
        {
            text.Append("valid_until: ").Append(until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        }
        text.Append("state: ").Append(StateName(State)).Append('\n');
        text.Append("---\n").Append(Body);
        if (!Body.EndsWith('\n'))
        {
            text.Append('\n');
        }
        return text.ToString();
    }

    public static string StateName(ArticleState state) => state == ArticleState.InReview ? "in_review" : state.ToString().ToLowerInvariant();

    /// <summary>A YAML double-quoted scalar: safe for any text, colons and quotes included.</summary>
    private static string Quote(string value)
    {
        var escaped = new StringBuilder("\"");
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return escaped.Append('"').ToString();
    }
}
