using System.Collections.Frozen;

namespace Ascribe.Core.Lexicons;

/// <summary>
/// Reporting verbs, nouns and phrases with their stance class, read from the shipped data file
/// <c>Resources/lexicon/cues.tsv</c>. Lookups are by lower-case surface form.
/// </summary>
public sealed class CueLexicon
{
    private readonly FrozenDictionary<string, CueEntry> _verbs;
    private readonly FrozenDictionary<string, CueEntry> _nouns;
    private readonly FrozenDictionary<string, (string[] Words, CueEntry Entry)[]> _phrases;
    private readonly FrozenDictionary<string, CueEntry>.AlternateLookup<ReadOnlySpan<char>> _verbLookup;
    private readonly FrozenDictionary<string, CueEntry>.AlternateLookup<ReadOnlySpan<char>> _nounLookup;
    private readonly FrozenDictionary<string, (string[] Words, CueEntry Entry)[]>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;

    private static readonly Lazy<CueLexicon> Shared = new(() => Load("lexicon/cues.tsv"));

    /// <summary>The lexicon shipped with Ascribe, loaded once.</summary>
    public static CueLexicon Default => Shared.Value;

    private CueLexicon(Dictionary<string, CueEntry> verbs, Dictionary<string, CueEntry> nouns, Dictionary<string, List<(string[], CueEntry)>> phrases)
    {
        _verbs = verbs.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _nouns = nouns.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _phrases = phrases.ToFrozenDictionary(p => p.Key, p => p.Value.OrderByDescending(x => x.Item1.Length).ToArray(), StringComparer.OrdinalIgnoreCase);
        _verbLookup = _verbs.GetAlternateLookup<ReadOnlySpan<char>>();
        _nounLookup = _nouns.GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int VerbFormCount => _verbs.Count;

    public int NounFormCount => _nouns.Count;

    public int PhraseCount => _phrases.Sum(p => p.Value.Length);

    public static CueLexicon Load(string resourcePath)
    {
        var verbs = new Dictionary<string, CueEntry>(StringComparer.OrdinalIgnoreCase);
        var nouns = new Dictionary<string, CueEntry>(StringComparer.OrdinalIgnoreCase);
        var phrases = new Dictionary<string, List<(string[], CueEntry)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var cols in ResourceReader.ReadTsv(resourcePath))
        {
            if (cols.Length < 4)
            {
                continue;
            }

            var entry = new CueEntry(cols[0], cols[1], cols[2]);
            foreach (var form in cols[3].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (form.Contains(' '))
                {
                    var words = form.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (!phrases.TryGetValue(words[0], out var list))
                    {
                        list = new List<(string[], CueEntry)>();
                        phrases[words[0]] = list;
                    }

                    list.Add((words, entry));
                }
                else if (entry.Pos == "noun")
                {
                    nouns.TryAdd(form, entry);
                }
                else
                {
                    verbs.TryAdd(form, entry);
                }
            }
        }

        return new CueLexicon(verbs, nouns, phrases);
    }

    public bool TryVerb(ReadOnlySpan<char> form, out CueEntry entry) => _verbLookup.TryGetValue(form, out entry!);

    public bool TryNoun(ReadOnlySpan<char> form, out CueEntry entry) => _nounLookup.TryGetValue(form, out entry!);

    /// <summary>Multiword cues that start with <paramref name="firstWord"/>, longest first.</summary>
    public ReadOnlySpan<(string[] Words, CueEntry Entry)> PhrasesStartingWith(string firstWord) =>
        _phrases.TryGetValue(firstWord, out var list) ? list : ReadOnlySpan<(string[], CueEntry)>.Empty;

    /// <summary>Multiword cues that start with <paramref name="firstWord"/>, longest first (no string is made for the lookup).</summary>
    public ReadOnlySpan<(string[] Words, CueEntry Entry)> PhrasesStartingWith(ReadOnlySpan<char> firstWord) =>
        _phraseLookup.TryGetValue(firstWord, out var list) ? list : ReadOnlySpan<(string[], CueEntry)>.Empty;

    /// <summary>The stance class of a cue text (one word or a phrase), or null when it is not in the lexicon.</summary>
    public string? StanceOf(string cueText)
    {
        var words = cueText.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = words.Length - 1; i >= 0; i--)
        {
            if (_verbs.TryGetValue(words[i], out var v))
            {
                return v.Stance;
            }

            if (_nouns.TryGetValue(words[i], out var n))
            {
                return n.Stance;
            }
        }

        if (words.Length > 0)
        {
            foreach (var (phrase, entry) in PhrasesStartingWith(words[0]))
            {
                if (phrase.Length <= words.Length && phrase.AsSpan().SequenceEqual(words.AsSpan(0, phrase.Length)))
                {
                    return entry.Stance;
                }
            }
        }

        return null;
    }
}
