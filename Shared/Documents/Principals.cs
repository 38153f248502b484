namespace KnowledgePortal.Shared.Documents;

/// <summary>
/// Names of who may read what. A document's audience and a caller's principals use the same
/// strings, so filtering is a set intersection: "everyone" or "group:{name}".
/// </summary>
public static class Principals
{
    public const string Everyone = "everyone";

    private const string GroupPrefix = "group:";

    public static string Group(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return GroupPrefix + name.Trim();
    }

    /// <summary>The principals of an anonymous or group-less caller.</summary>
    public static IReadOnlySet<string> EveryoneOnly { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Everyone };

    /// <summary>Principals of a caller in <paramref name="groups"/>: everyone plus each group.</summary>
    public static IReadOnlySet<string> ForGroups(IEnumerable<string> groups)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Everyone };
        foreach (var group in groups)
        {
            if (!string.IsNullOrWhiteSpace(group))
            {
                set.Add(Group(group));
            }
        }
        return set;
    }

    /// <summary>
    /// Turns a user-written audience ("everyone", "HR,Finance") into principals. An empty list means everyone.
    /// </summary>
    public static IReadOnlyList<string> ParseAudience(IEnumerable<string>? groups)
    {
        var result = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in groups ?? [])
        {
            foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                result.Add(string.Equals(part, Everyone, StringComparison.OrdinalIgnoreCase) ? Everyone : Group(part));
            }
        }
        if (result.Count == 0 || result.Contains(Everyone))
        {
            return [Everyone];
        }
        return [.. result];
    }

    /// <summary>The display form of an audience: "everyone" or the group names.</summary>
    public static string Describe(IEnumerable<string> principals)
    {
        var names = Names(principals);
        return names.Count == 0 ? Everyone : string.Join(", ", names);
    }

    /// <summary>An audience as people write it (what <see cref="ParseAudience"/> reads): "everyone" or group names.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<string> principals) =>
        [.. principals.Select(p => p.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase) ? p[GroupPrefix.Length..] : p)];
}
