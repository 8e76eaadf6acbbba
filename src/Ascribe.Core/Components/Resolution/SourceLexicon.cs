using System.Collections.Frozen;
using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;

namespace Ascribe.Core.Components.Resolution;

/// <summary>
/// The word lists speaker resolution and source typing read: given names with gender, titles and
/// honorifics, head nouns of unnamed sources, named outlets and bodies, countries and demonyms,
/// hedges and relay phrases. All are data files under <c>Resources/resolution/</c>; lookups are
/// case-insensitive on the folded form (<see cref="NameMatcher.Fold"/>).
/// </summary>
public sealed class SourceLexicon
{
    private static readonly Lazy<SourceLexicon> Shared = new(Load);

    private readonly FrozenDictionary<string, Gender> _firstNames;
    private readonly FrozenDictionary<string, Gender> _firstNameKeys;
    private readonly FrozenDictionary<string, Gender> _nounGenders;

    private SourceLexicon(
        Dictionary<string, Gender> firstNames,
        Dictionary<string, (Gender Gender, bool IsTitle)> titles,
        Dictionary<string, HeadClass> heads,
        Dictionary<string, Gender> nounGenders,
        Dictionary<string, SourceType> named,
        HashSet<string> countries,
        HashSet<string> demonyms,
        Dictionary<string, bool> hedges,
        List<(string[] Words, string Role)> relays,
        Dictionary<string, SourceType> nameWords,
        HashSet<string> nonNames)
    {
        NameWords = nameWords.ToFrozenDictionary(StringComparer.Ordinal);
        NonNames = nonNames.ToFrozenSet(StringComparer.Ordinal);
        _firstNames = firstNames.ToFrozenDictionary(StringComparer.Ordinal);
        var keys = new Dictionary<string, Gender>(StringComparer.Ordinal);
        foreach (var (name, gender) in firstNames)
        {
            foreach (var key in NameMatcher.Keys(name))
            {
                keys.TryAdd(key, gender);
            }
        }

        _firstNameKeys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        Titles = titles.ToFrozenDictionary(StringComparer.Ordinal);
        Heads = heads.ToFrozenDictionary(StringComparer.Ordinal);
        _nounGenders = nounGenders.ToFrozenDictionary(StringComparer.Ordinal);
        Named = named.ToFrozenDictionary(StringComparer.Ordinal);
        Countries = countries.ToFrozenSet(StringComparer.Ordinal);
        Demonyms = demonyms.ToFrozenSet(StringComparer.Ordinal);
        Hedges = hedges.ToFrozenDictionary(StringComparer.Ordinal);
        Relays = relays.OrderByDescending(r => r.Words.Length).ToArray();
        RelaysByFirstWord = Relays.Where(r => r.Words.Length > 0).GroupBy(r => r.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        MaxTitleWords = titles.Keys.Max(t => t.Count(c => c == ' ') + 1);
    }

    /// <summary>The lists shipped with Ascribe, loaded once.</summary>
    public static SourceLexicon Default => Shared.Value;

    /// <summary>Titles and honorifics by folded form without final period: gender hint and whether it is a title (kept as description).</summary>
    public FrozenDictionary<string, (Gender Gender, bool IsTitle)> Titles { get; }

    public int MaxTitleWords { get; }

    /// <summary>Head nouns (singular, folded; some two words) and their class.</summary>
    public FrozenDictionary<string, HeadClass> Heads { get; }

    /// <summary>Named outlets, bodies and organizations by folded name.</summary>
    public FrozenDictionary<string, SourceType> Named { get; }

    /// <summary>Folded country names ("ukraine", "united states", "u.s.").</summary>
    public FrozenSet<string> Countries { get; }

    /// <summary>Folded demonyms and similar group adjectives ("russian", "western").</summary>
    public FrozenSet<string> Demonyms { get; }

    /// <summary>Hedge forms; the value is true when the hedge counts inside direct quotes too.</summary>
    public FrozenDictionary<string, bool> Hedges { get; }

    /// <summary>Relay phrases (words, role: cites, venue or addressee), longest first.</summary>
    public IReadOnlyList<(string[] Words, string Role)> Relays { get; }

    /// <summary><see cref="Relays"/> grouped by first word, each group in the order of <see cref="Relays"/>.</summary>
    public IReadOnlyDictionary<string, (string[] Words, string Role)[]> RelaysByFirstWord { get; }

    /// <summary>Words inside proper names that type them ("post" → media, "ministry" → government).</summary>
    public FrozenDictionary<string, SourceType> NameWords { get; }

    /// <summary>Capitalized words that are not names by themselves (sentence openers, months, pronouns).</summary>
    public FrozenSet<string> NonNames { get; }

    /// <summary>Gender of a given name, through its phonetic key so that spelling variants agree.</summary>
    public Gender GenderOfFirstName(string name)
    {
        string folded = NameMatcher.Fold(name);
        if (_firstNames.TryGetValue(folded, out var g))
        {
            return g;
        }

        foreach (var key in NameMatcher.Keys(folded))
        {
            if (_firstNameKeys.TryGetValue(key, out g))
            {
                return g;
            }
        }

        return Gender.Unknown;
    }

    public bool IsFirstName(string name) => GenderOfFirstName(name) != Gender.Unknown;

    /// <summary>Whether the folded word is a listed given name as written (no spelling variants; cheap).</summary>
    internal bool IsListedFirstName(string folded) => _firstNames.ContainsKey(folded);

    /// <summary>Gender a person noun carries by itself ("woman", "widow", "chairman"), or Unknown; plurals are not looked up.</summary>
    internal Gender GenderOfNoun(string word) => _nounGenders.TryGetValue(NameMatcher.Fold(word), out var g) ? g : Gender.Unknown;

    /// <summary>Class of a head noun, trying the singular of a plural ("officials", "circles", "agencies").</summary>
    /// <param name="word">The word as written or folded.</param>
    /// <param name="plural">True when the word is a plural (or a group noun such as "people").</param>
    /// <param name="guess">Also guess person nouns from their form (demonyms, -ist, "-year-old"); off for capitalized words, which may be surnames.</param>
    public HeadClass HeadOf(string word, out bool plural, bool guess = true)
    {
        string w = NameMatcher.Fold(word);
        plural = false;
        if (Heads.TryGetValue(w, out var c))
        {
            plural = w is "people" or "police" or "media" or "public" or "many" or "some" or "others" or "everyone" or "data" or "authorities";
            return c;
        }

        // Plural forms: "-ies" for "-y", then "-es", then "-s"; looked up in place.
        if (w.Length > 5 && w.EndsWith("ies", StringComparison.Ordinal) && HeadOfIesPlural(w) is { } ies)
        {
            plural = true;
            return ies;
        }

        var heads = Heads.GetAlternateLookup<ReadOnlySpan<char>>();
        if ((w.Length > 4 && w.EndsWith("es", StringComparison.Ordinal) && heads.TryGetValue(w.AsSpan(0, w.Length - 2), out c))
            || (w.Length > 3 && w.EndsWith('s') && heads.TryGetValue(w.AsSpan(0, w.Length - 1), out c)))
        {
            plural = true;
            return c;
        }

        if (w is "men" or "women")
        {
            plural = true;
            return HeadClass.Person;
        }

        if (!guess)
        {
            return HeadClass.None;
        }

        // "the Austrian", "the glaciologist", "the 47-year-old": person nouns no list needs to hold.
        if (Demonyms.Contains(w) || (w.Length > 5 && w.EndsWith("ist", StringComparison.Ordinal)) || w.EndsWith("year-old", StringComparison.Ordinal))
        {
            return HeadClass.Person;
        }

        // "Republicans", "Democrats", "Europeans": a group of people named by its adjective.
        if (w.Length > 6 && (w.EndsWith("ists", StringComparison.Ordinal) || w.EndsWith("year-olds", StringComparison.Ordinal)
            || (w.EndsWith('s') && Demonyms.Contains(w[..^1]))))
        {
            plural = true;
            return HeadClass.Person;
        }

        return HeadClass.None;
    }

    /// <summary>The head class of the singular of an "-ies" plural ("authorities": "authority"), or null.</summary>
    private HeadClass? HeadOfIesPlural(string w)
    {
        int stem = w.Length - 3;
        Span<char> singular = stem < 64 ? stackalloc char[stem + 1] : new char[stem + 1];
        w.AsSpan(0, stem).CopyTo(singular);
        singular[stem] = 'y';
        return Heads.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(singular, out var c) ? c : null;
    }

    private static SourceLexicon Load()
    {
        var firstNames = new Dictionary<string, Gender>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/first-names.tsv"))
        {
            if (cols.Length >= 2)
            {
                firstNames.TryAdd(NameMatcher.Fold(cols[0]), cols[1] == "f" ? Gender.Female : Gender.Male);
            }
        }

        var titles = new Dictionary<string, (Gender, bool)>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/titles.tsv"))
        {
            if (cols.Length >= 3)
            {
                var g = cols[1] switch { "m" => Gender.Male, "f" => Gender.Female, _ => Gender.Unknown };
                titles.TryAdd(cols[0], (g, cols[2] == "title"));
            }
        }

        var heads = new Dictionary<string, HeadClass>(StringComparer.Ordinal);
        var nounGenders = new Dictionary<string, Gender>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/head-nouns.tsv"))
        {
            if (cols.Length >= 3 && cols[2] is "m" or "f")
            {
                nounGenders.TryAdd(cols[0], cols[2] == "f" ? Gender.Female : Gender.Male);
            }

            if (cols.Length >= 2)
            {
                heads.TryAdd(cols[0], cols[1] switch
                {
                    "person" => HeadClass.Person,
                    "people" => HeadClass.People,
                    "media" => HeadClass.Media,
                    "government" => HeadClass.Government,
                    "organization" => HeadClass.Organization,
                    "document" => HeadClass.Document,
                    "event" => HeadClass.Event,
                    _ => HeadClass.None,
                });
            }
        }

        var named = new Dictionary<string, SourceType>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/gazetteer.tsv"))
        {
            if (cols.Length >= 2)
            {
                named.TryAdd(NameMatcher.Fold(cols[0]), ParseType(cols[1]));
            }
        }

        var countries = new HashSet<string>(StringComparer.Ordinal);
        var demonyms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/countries.tsv"))
        {
            if (cols.Length < 2)
            {
                continue;
            }

            foreach (var c in cols[0].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                if (c != "-")
                {
                    countries.Add(NameMatcher.Fold(c));
                }
            }

            foreach (var d in cols[1].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                demonyms.Add(NameMatcher.Fold(d));
            }
        }

        var hedges = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/hedges.tsv"))
        {
            if (cols.Length >= 2)
            {
                hedges.TryAdd(cols[0], cols[1] == "any");
            }
        }

        var relays = new List<(string[], string)>();
        foreach (var cols in ResourceReader.ReadTsv("resolution/relay.tsv"))
        {
            if (cols.Length >= 2)
            {
                relays.Add((cols[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), cols[1]));
            }
        }

        var nameWords = new Dictionary<string, SourceType>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/name-words.tsv"))
        {
            if (cols.Length >= 2)
            {
                nameWords.TryAdd(cols[0], ParseType(cols[1]));
            }
        }

        var nonNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cols in ResourceReader.ReadTsv("resolution/non-names.txt"))
        {
            nonNames.Add(cols[0].Trim());
        }

        return new SourceLexicon(firstNames, titles, heads, nounGenders, named, countries, demonyms, hedges, relays, nameWords, nonNames);
    }

    private static SourceType ParseType(string text) => text switch
    {
        "media" => SourceType.Media,
        "government" => SourceType.Government,
        "country" => SourceType.Country,
        "document" => SourceType.Document,
        "event" => SourceType.Event,
        "person" => SourceType.Person,
        "anonymous" => SourceType.Anonymous,
        _ => SourceType.Organization,
    };
}
