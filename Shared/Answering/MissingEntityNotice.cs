using System.Text.RegularExpressions;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Text;

namespace KnowledgePortal.Shared.Answering;

/// <summary>
/// Says so when the question names something (a title-case phrase such as "Manager of Software
/// Engineering") that the passages the answer comes from never mention. Retrieval always returns the
/// nearest passages, so a question about a role the documents lack is answered about a neighbouring
/// role, and without this the reader cannot tell.
/// </summary>
/// <remarks>
/// Only phrases of two or more capitalised words count: a single capitalised word is too often just the
/// first word of a sentence, an acronym or a common noun. A word capitalised only because it starts a
/// sentence is dropped unless the passages hold the phrase with it. Matching is by word stems, in order,
/// ignoring case, punctuation, articles and plurals, so "managers of product management" matches.
/// </remarks>
public static partial class MissingEntityNotice
{
    /// <summary>Connectors that bind one name ("Manager of Product Management", "Head of the Department").</summary>
    private static readonly HashSet<string> TightConnectors = new(StringComparer.OrdinalIgnoreCase) { "of", "the" };

    /// <summary>Connectors that may join two names ("PerksPlus for Northwind Standard", "Dental and Vision").</summary>
    private static readonly HashSet<string> LooseConnectors = new(StringComparer.OrdinalIgnoreCase) { "for", "and", "&" };

    /// <summary>Words that never decide whether two phrases match ("Head of the Department" is "Head of Department").</summary>
    private static readonly HashSet<string> IgnoredInMatching = new(StringComparer.Ordinal) { "the", "a", "an", "and", "s" };

    /// <summary>The notice for <paramref name="question"/>, or null when every name it holds is in <paramref name="passages"/>.</summary>
    public static string? For(string question, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(passages);
        // A question in capitals or in title case throughout says nothing about which words are names.
        if (passages.Count == 0 || !HasLowerCaseWord(question))
        {
            return null;
        }

        var texts = passages.SelectMany(p => new[] { p.Text, p.HeadingPath, p.DocumentTitle })
            .OfType<string>()
            .ToList();
        var haystacks = texts.Select(Key).ToList();
        bool Present(Phrase phrase) => haystacks.Any(h => Contains(h, Key(phrase.ToString())));

        var missing = new List<Phrase>();
        foreach (var phrase in Phrases(question))
        {
            var absent = Absent(phrase, Present);
            if (absent.Count > 0 && phrase.SentenceInitial)
            {
                absent = Absent(phrase.WithoutFirstWord(), Present);
            }
            missing.AddRange(absent.Where(a => !missing.Any(m => m.ToString() == a.ToString())));
        }
        if (missing.Count == 0)
        {
            return null;
        }

        var candidates = texts.SelectMany(Phrases)
            .SelectMany(p => p.SentenceInitial ? new[] { p, p.WithoutFirstWord() } : [p])
            .Where(p => p.NameWords >= 2)
            .ToList();
        return string.Join(" ", missing.Select(m => Closest(m, candidates) is { } similar
            ? $"The documents describe {similar}, not {m}."
            : $"The documents do not mention {m}."));
    }

    /// <summary>The parts of <paramref name="phrase"/> worth reporting as absent; empty when it is there.</summary>
    private static List<Phrase> Absent(Phrase phrase, Func<Phrase, bool> present)
    {
        if (phrase.NameWords == 0 || present(phrase))
        {
            return [];
        }
        var parts = phrase.SplitAtLooseConnectors();
        if (parts.Count > 1)
        {
            if (parts.All(present))
            {
                return []; // two names side by side, each of them in the documents
            }
            var absentNames = parts.Where(p => p.NameWords >= 2 && !present(p)).ToList();
            if (absentNames.Count > 0)
            {
                return absentNames;
            }
        }
        return phrase.NameWords >= 2 ? [phrase] : [];
    }

    /// <summary>
    /// The passage phrase most like <paramref name="missing"/>: the same head noun ("Manager" in
    /// "Manager of Product Management") or at least half its words. Null when none is alike.
    /// </summary>
    private static Phrase? Closest(Phrase missing, List<Phrase> candidates)
    {
        var words = missing.NameStems();
        var head = missing.HeadStem();
        return candidates
            .Select((candidate, order) =>
            {
                var shared = candidate.NameStems().Intersect(words).Count();
                return (Candidate: candidate, Order: order, SameHead: candidate.HeadStem() == head, Shared: shared);
            })
            .Where(c => c.Shared > 0 && (c.SameHead || 2 * c.Shared >= words.Count))
            .OrderByDescending(c => c.SameHead)
            .ThenByDescending(c => c.Shared)
            .ThenBy(c => Math.Abs(c.Candidate.NameWords - missing.NameWords)) // "Le Directeur Général" or "Directeur Général"
            .ThenBy(c => c.Order) // passages come best first
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>The maximal runs of capitalised words in <paramref name="text"/>, with the connectors between them.</summary>
    private static IEnumerable<Phrase> Phrases(string text)
    {
        var words = new List<string>();
        var sentenceInitial = false;
        var sentenceStart = true;
        foreach (Match token in Tokens().Matches(text))
        {
            var value = token.Value;
            var isWord = char.IsLetterOrDigit(value[0]);
            var possessive = isWord && (value.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || value.EndsWith("’s", StringComparison.OrdinalIgnoreCase));
            if (possessive)
            {
                value = value[..^2];
            }
            if (isWord && IsNameWord(value))
            {
                if (words.Count == 0)
                {
                    sentenceInitial = sentenceStart;
                }
                words.Add(value);
            }
            else if (words.Count > 0 && (TightConnectors.Contains(value) || LooseConnectors.Contains(value)))
            {
                words.Add(value);
            }
            else if (Phrase.From(words, sentenceInitial) is { } phrase)
            {
                yield return phrase;
            }
            if (possessive && Phrase.From(words, sentenceInitial) is { } owner)
            {
                yield return owner; // "Contoso's Travel Policy" is about two things
            }
            // Heading separators and list markers start a new sentence as much as a full stop does.
            sentenceStart = !isWord && value is "." or "!" or "?" or ":" or ";" or "\n" or ">" or "•" or "-" or "*" or "#";
        }
        if (Phrase.From(words, sentenceInitial) is { } last)
        {
            yield return last;
        }
    }

    private static bool IsNameWord(string word) =>
        char.IsUpper(word[0]) && !QueryTerms.IsStopWord(word.ToLowerInvariant());

    private static bool HasLowerCaseWord(string text) =>
        Tokens().Matches(text).Any(t => char.IsLower(t.Value[0]));

    /// <summary>The stems a text is compared by, in order.</summary>
    private static string[] Key(string text) =>
        [.. QueryTerms.Words(text).Where(w => !IgnoredInMatching.Contains(w)).Select(WordStems.Of)];

    private static bool Contains(string[] haystack, string[] needle)
    {
        if (needle.Length == 0)
        {
            return true;
        }
        for (var start = 0; start + needle.Length <= haystack.Length; start++)
        {
            if (haystack.AsSpan(start, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Words (with inner hyphens and apostrophes), "&amp;", line breaks and single punctuation marks.</summary>
    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+(?:['’\-][\p{L}\p{M}\p{Nd}]+)*|\n|[^\s\p{L}\p{M}\p{Nd}]")]
    private static partial Regex Tokens();

    private sealed class Phrase
    {
        private readonly string[] words;

        private Phrase(string[] words, bool sentenceInitial)
        {
            this.words = words;
            SentenceInitial = sentenceInitial;
        }

        /// <summary>The phrase starts a sentence, so its first word may be capitalised for that alone.</summary>
        public bool SentenceInitial { get; }

        public int NameWords => words.Count(w => !IsConnector(w));

        /// <summary>A phrase of the collected words without trailing connectors, or null; empties <paramref name="collected"/>.</summary>
        public static Phrase? From(List<string> collected, bool sentenceInitial)
        {
            var end = collected.Count;
            while (end > 0 && IsConnector(collected[end - 1]))
            {
                end--;
            }
            var phrase = end == 0 ? null : new Phrase([.. collected.Take(end)], sentenceInitial);
            collected.Clear();
            return phrase;
        }

        public Phrase WithoutFirstWord() => new([.. words.Skip(1).SkipWhile(IsConnector)], sentenceInitial: false);

        public List<Phrase> SplitAtLooseConnectors()
        {
            var parts = new List<Phrase>();
            var part = new List<string>();
            foreach (var word in words)
            {
                if (LooseConnectors.Contains(word))
                {
                    parts.Add(new Phrase([.. part.SkipWhile(IsConnector)], false));
                    part.Clear();
                    continue;
                }
                part.Add(word);
            }
            parts.Add(new Phrase([.. part.SkipWhile(IsConnector)], false));
            return parts.Where(p => p.NameWords > 0).ToList();
        }

        public HashSet<string> NameStems() =>
            words.Where(w => !IsConnector(w)).SelectMany(QueryTerms.Words).Select(WordStems.Of).ToHashSet(StringComparer.Ordinal);

        /// <summary>The noun the phrase is about: the last name word before "of"/"for", else the last word.</summary>
        public string HeadStem()
        {
            var end = Array.FindIndex(words, w => w.Equals("of", StringComparison.OrdinalIgnoreCase) || w.Equals("for", StringComparison.OrdinalIgnoreCase));
            var head = words.Take(end < 0 ? words.Length : end).LastOrDefault(w => !IsConnector(w)) ?? words[^1];
            return WordStems.Of(QueryTerms.Words(head).LastOrDefault() ?? head.ToLowerInvariant());
        }

        public override string ToString() => string.Join(' ', words);

        private static bool IsConnector(string word) => TightConnectors.Contains(word) || LooseConnectors.Contains(word);
    }
}
