using Ascribe.Core.Models;

namespace Ascribe.Core.Components.Tag;

/// <summary>
/// Rule-and-exception lemmatizer for English. Suffix rules per Penn tag (plural nouns, verb
/// inflections) cover regular words; a table learned from annotated data holds every (word, tag)
/// whose usual lemma the rules get wrong (irregular verbs, pronouns, brackets). Immutable.
/// </summary>
public sealed class Lemmatizer
{
    private readonly Dictionary<ulong, string> _exceptions;

    internal Lemmatizer(Dictionary<ulong, string> exceptions)
    {
        _exceptions = exceptions;
    }

    public int ExceptionCount => _exceptions.Count;

    /// <summary>The lemma of <paramref name="word"/> read as part of speech <paramref name="tag"/>.</summary>
    public string Lemmatize(ReadOnlySpan<char> word, string tag)
    {
        if (_exceptions.TryGetValue(Key(word, tag), out var lemma))
        {
            return lemma;
        }

        return Rule(word, tag);
    }

    internal static ulong Key(ReadOnlySpan<char> word, string tag) => FeatureHash.Combine(FeatureHash.Text(word), FeatureHash.Text(tag));

    /// <summary>The lemma the suffix rules give, before exceptions.</summary>
    internal static string Rule(ReadOnlySpan<char> word, string tag)
    {
        if (tag.StartsWith("NNP", StringComparison.Ordinal))
        {
            return word.ToString();
        }

        string lower = word.ToString().ToLowerInvariant();
        switch (tag)
        {
            case "NNS":
            case "VBZ":
                return Plural(lower);
            case "VBD":
            case "VBN":
                return Strip(lower, "ed");
            case "VBG":
                return Strip(lower, "ing");
            default:
                return lower;
        }
    }

    private static string Plural(string w)
    {
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }

        if (w.Length > 4 && (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal)
            || w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("zes", StringComparison.Ordinal)))
        {
            return w[..^2];
        }

        if (w.Length > 2 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            return w[..^1];
        }

        return w;
    }

    private static string Strip(string w, string suffix)
    {
        if (w.Length < suffix.Length + 2 || !w.EndsWith(suffix, StringComparison.Ordinal))
        {
            return w;
        }

        string stem = w[..^suffix.Length];
        if (suffix == "ed" && stem.EndsWith('i'))
        {
            return stem[..^1] + "y";
        }

        int n = stem.Length;
        if (n >= 3 && stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1]) && stem[n - 1] is not ('l' or 's' or 'f' or 'z'))
        {
            return stem[..^1];
        }

        // A silent e dropped before the suffix: "creat" -> "create", "mov" -> "move".
        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal) || stem.EndsWith("ur", StringComparison.Ordinal)
            || stem.EndsWith('v') || stem.EndsWith("uc", StringComparison.Ordinal) || stem.EndsWith("dg", StringComparison.Ordinal))
        {
            return stem + "e";
        }

        return stem;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>Learns the exception table: the most frequent lemma of each (word, tag) that the rules miss.</summary>
    internal static Lemmatizer Train(IEnumerable<AnnotatedSentence> sentences)
    {
        var counts = new Dictionary<(string Word, string Tag), Dictionary<string, int>>();
        foreach (var sent in sentences)
        {
            for (int i = 0; i < sent.Count; i++)
            {
                var key = (sent.Words[i], sent.Tags[i]);
                if (!counts.TryGetValue(key, out var lemmas))
                {
                    lemmas = new Dictionary<string, int>(StringComparer.Ordinal);
                    counts[key] = lemmas;
                }

                lemmas[sent.Lemmas[i]] = lemmas.GetValueOrDefault(sent.Lemmas[i]) + 1;
            }
        }

        var exceptions = new Dictionary<ulong, string>();
        foreach (var ((word, tag), lemmas) in counts.OrderBy(c => c.Key.Word, StringComparer.Ordinal).ThenBy(c => c.Key.Tag, StringComparer.Ordinal))
        {
            string best = lemmas.OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key;
            if (best != Rule(word, tag))
            {
                exceptions[Key(word, tag)] = string.Intern(best);
            }
        }

        return new Lemmatizer(exceptions);
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(_exceptions.Count);
        foreach (var (key, lemma) in _exceptions.OrderBy(e => e.Key))
        {
            writer.Write(key);
            writer.Write(lemma);
        }
    }

    internal static Lemmatizer Read(BinaryReader reader)
    {
        int n = reader.ReadInt32();
        var exceptions = new Dictionary<ulong, string>(n);
        for (int i = 0; i < n; i++)
        {
            ulong key = reader.ReadUInt64();
            exceptions[key] = string.Intern(reader.ReadString());
        }

        return new Lemmatizer(exceptions);
    }
}
