using System.Text.RegularExpressions;
using KnowledgePortal.Shared.Documents;

namespace KnowledgePortal.Shared.Identity;

/// <summary>
/// What a group may be called. Audiences are written as comma-separated group names
/// (`kp ingest --audience HR,Finance`), so a name holds no comma, and "everyone" is taken.
/// </summary>
public static partial class GroupNames
{
    public const int MaxLength = 100;

    /// <summary>The cleaned name, or throws with a message for the administrator.</summary>
    public static string Validate(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new AccountAdministrationException("Give the group a name.");
        }
        if (trimmed.Length > MaxLength)
        {
            throw new AccountAdministrationException($"A group name has at most {MaxLength} characters.");
        }
        if (string.Equals(trimmed, Principals.Everyone, StringComparison.OrdinalIgnoreCase))
        {
            throw new AccountAdministrationException("\"everyone\" is not a group: it is the audience of documents anybody may read.");
        }
        if (!Allowed().IsMatch(trimmed))
        {
            throw new AccountAdministrationException("Use letters, digits, spaces and - _ . & in a group name (no commas).");
        }
        return trimmed;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} _.\-&]*$")]
    private static partial Regex Allowed();
}
