using System.Collections.Frozen;
using Ascribe.Core.Lexicons;

namespace Ascribe.Core.Components.Audit;

/// <summary>
/// The word lists of the sourcing audit, read from the shipped data file
/// <c>Resources/lexicon/audit.tsv</c> (its header documents each class). Words are matched in
/// lower case; a form with spaces matches a sequence of words.
/// </summary>
public sealed class AuditLexicon
{
    public const string Hedge = "hedge";
    public const string AnonymousHead = "anon-head";
    public const string AnonymousStart = "anon-start";
    public const string Interested = "interested";
    public const string Contrast = "contrast";
    public const string Negation = "negation";
    public const string ObjectCue = "object-cue";
    public const string Dangling = "dangling";
    public const string Relay = "relay";
    public const string Pronoun = "pronoun";
    public const string Stop = "stop";

    private static readonly Lazy<AuditLexicon> Shared = new(() => Load("lexicon/audit.tsv"));

    private readonly FrozenDictionary<string, FrozenSet<string>> _words;
    private readonly FrozenDictionary<string, FrozenDictionary<string, string[][]>> _phrases; // by class, then first word

    private AuditLexicon(Dictionary<string, HashSet<string>> words, Dictionary<string, List<string[]>> phrases)
    {
        _words = words.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        // Longest first (file order among equals), grouped by first word: only the phrases that
        // start with the word at hand are compared.
        _phrases = phrases.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderByDescending(p => p.Length).GroupBy(p => p[0], StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        _byName = _words.Keys.Union(_phrases.Keys).ToFrozenDictionary(name => name, Class, StringComparer.Ordinal);
        Classes = new WordClasses(
            Class(Hedge), Class(AnonymousHead), Class(AnonymousStart), Class(Interested), Class(Contrast), Class(Negation),
            Class(ObjectCue), Class(Dangling), Class(Relay), Class(Pronoun), Class(Stop));
    }

    private readonly FrozenDictionary<string, WordClass> _byName;

    /// <summary>Each word class resolved once, for callers that ask per word.</summary>
    internal WordClasses Classes { get; }

    /// <summary>The one-word forms and the phrases (by first word) of one class.</summary>
    internal sealed class WordClass
    {
        private static readonly FrozenDictionary<string, string[][]> NoPhrases = FrozenDictionary<string, string[][]>.Empty;

        public WordClass(FrozenSet<string>? words, FrozenDictionary<string, string[][]>? phrases)
        {
            Words = words ?? FrozenSet<string>.Empty;
            Phrases = phrases ?? NoPhrases;
        }

        public FrozenSet<string> Words { get; }

        public FrozenDictionary<string, string[][]> Phrases { get; }

        public bool Is(string word) => Words.Contains(word);

        /// <inheritdoc cref="AuditLexicon.MatchAt"/>
        public int MatchAt(IReadOnlyList<string> words, int at)
        {
            if (words[at] is { } first && Phrases.Count > 0 && Phrases.TryGetValue(first, out var list))
            {
                foreach (var phrase in list)
                {
                    if (at + phrase.Length > words.Count)
                    {
                        continue;
                    }

                    bool all = true;
                    for (int k = 0; k < phrase.Length && all; k++)
                    {
                        all = words[at + k] == phrase[k];
                    }

                    if (all)
                    {
                        return phrase.Length;
                    }
                }
            }

            return Is(words[at]) ? 1 : 0;
        }
    }

    /// <summary>The classes the audit asks for.</summary>
    internal sealed record WordClasses(
        WordClass Hedge, WordClass AnonymousHead, WordClass AnonymousStart, WordClass Interested, WordClass Contrast, WordClass Negation,
        WordClass ObjectCue, WordClass Dangling, WordClass Relay, WordClass Pronoun, WordClass Stop);

    private WordClass Class(string wordClass) => new(
        _words.TryGetValue(wordClass, out var set) ? set : null,
        _phrases.TryGetValue(wordClass, out var byFirst) ? byFirst : null);

    /// <summary>The lists shipped with Ascribe, loaded once.</summary>
    public static AuditLexicon Default => Shared.Value;

    public static AuditLexicon Load(string resourcePath)
    {
        var words = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv(resourcePath))
        {
            if (cols.Length < 2)
            {
                continue;
            }

            foreach (var form in cols[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (form.Contains(' '))
                {
                    if (!phrases.TryGetValue(cols[0], out var list))
                    {
                        phrases[cols[0]] = list = new List<string[]>();
                    }

                    list.Add(form.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }
                else
                {
                    if (!words.TryGetValue(cols[0], out var set))
                    {
                        words[cols[0]] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(form);
                }
            }
        }

        return new AuditLexicon(words, phrases);
    }

    /// <summary>True when the lower-case <paramref name="word"/> is a one-word form of <paramref name="wordClass"/>.</summary>
    public bool Is(string wordClass, string word) => _words.TryGetValue(wordClass, out var set) && set.Contains(word);

    /// <summary>
    /// Number of words of the longest form of <paramref name="wordClass"/> that starts at
    /// <paramref name="words"/>[<paramref name="at"/>], or 0 when none does. Words must be lower case.
    /// </summary>
    public int MatchAt(string wordClass, IReadOnlyList<string> words, int at) =>
        _byName.TryGetValue(wordClass, out var found) ? found.MatchAt(words, at) : 0;
}
