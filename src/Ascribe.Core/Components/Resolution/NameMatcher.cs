using System.Text;
using AnyAscii;
using Ascribe.Core.Internal;

namespace Ascribe.Core.Components.Resolution;

/// <summary>
/// Decides whether two written names can denote the same person or body, across surname-only
/// mentions, first-name variants, transliteration families, scripts, diacritics and titles.
/// </summary>
/// <remarks>
/// <para>Matching works in three steps.</para>
/// <para>1. <b>Fold</b>: any script is transliterated to ASCII with AnyAscii (Андрій Чернак →
/// Andriy Chernak, Schülmann → Schulmann), lower-cased, periods dropped, hyphens and
/// apostrophes kept as word separators.</para>
/// <para>2. <b>Parse</b>: leading titles and honorifics ("Mr.", "President", "Foreign Minister";
/// <c>Resources/resolution/titles.tsv</c>), name particles (von, van, de, al, bin, ...) and
/// suffixes (Jr, III) are set aside; the last remaining word is the surname, the others given names.</para>
/// <para>3. <b>Key</b>: each word gets a phonetic key that merges the spellings transliteration
/// produces for the same sound: German tsch / English ch / French tch / Polish cz → <c>C</c>;
/// German sch / English sh / Polish sz / zh → <c>S</c>; kh and h → <c>H</c> (ch may be either C
/// or H, so it yields two keys: Chodorkowski = Khodorkovsky, Chernak = Tschernak); w, v, f, ph → v;
/// c, k, q, ck → k; z, s → s; x → ks; vowels fall into three classes (a; e i y j; o u ou);
/// doubled letters collapse. Two words match when their folded forms are equal, when they share a
/// key, or when their consonant skeletons (the key without vowels) are equal and at least three
/// letters long (Yekaterina/Ekaterina → ktrn, Andriy/Andrei → ndr, Gorbachev/Gorbatschow → grbCv).</para>
/// <para>Two names match when their surnames match and their given names, where both have one,
/// match (an initial matches any word starting with it). A one-word mention is compared with the
/// surname only ("Chernak" matches "Andriy Tschernak"). An all-capitals word matches the initials of
/// a name ("EU" and "European Union").</para>
/// </remarks>
public static class NameMatcher
{
    private static readonly string[] Particles =
    {
        "von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "dos", "das", "del", "zu", "ten", "ter",
    };

    private static readonly string[] Suffixes = { "jr", "sr", "ii", "iii", "iv" };

    // Longest first; the first rule that matches at a position wins. Several outputs = ambiguous grapheme.
    private static readonly (string From, string[] To)[] Rules =
    {
        ("schtsch", new[] { "SC" }), ("shch", new[] { "SC" }), ("szcz", new[] { "SC" }),
        ("tsch", new[] { "C" }), ("tch", new[] { "C" }), ("sch", new[] { "S" }),
        ("ch", new[] { "C", "H" }), ("cz", new[] { "C" }), ("sh", new[] { "S" }), ("sz", new[] { "S" }), ("zh", new[] { "S" }),
        ("kh", new[] { "H" }), ("ph", new[] { "v" }), ("ck", new[] { "k" }), ("ou", new[] { "u" }),
        ("x", new[] { "ks" }), ("w", new[] { "v" }), ("f", new[] { "v" }), ("c", new[] { "k" }), ("q", new[] { "k" }),
        ("z", new[] { "s" }), ("j", new[] { "i" }), ("y", new[] { "i" }), ("e", new[] { "i" }), ("o", new[] { "u" }),
        ("h", new[] { "H" }),
    };

    private const int MaxKeys = 4;

    /// <summary>
    /// ASCII, lower-case form of <paramref name="text"/>: transliterated (any script, diacritics),
    /// periods removed, runs of whitespace as one space, trimmed.
    /// </summary>
    private static readonly BoundedCache<string, string> FoldCache = new(1 << 16, StringComparer.Ordinal);
    private static readonly BoundedCache<string, IReadOnlyList<string>> KeysCache = new(1 << 16, StringComparer.Ordinal);
    private static readonly BoundedCache<(string, string), bool> MatchCache = new(1 << 16);

    /// <summary>Memoized: names recur across a document, and folding and key expansion dominated speaker resolution (issue 9).</summary>
    public static string Fold(string text) => IsFolded(text) ? text : FoldCache.GetOrAdd(text, FoldUncached);

    /// <summary>True when <paramref name="text"/> is its own fold: lower-case ASCII letters, digits, hyphens and apostrophes only (most words asked for are already folded).</summary>
    private static bool IsFolded(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('-' or '\''))
            {
                return false;
            }
        }

        return true;
    }

    private static string FoldUncached(string text)
    {
        string ascii = text.Transliterate();
        var sb = new StringBuilder(ascii.Length);
        bool space = false;
        foreach (char ch in ascii)
        {
            if (char.IsLetterOrDigit(ch) || ch is '-' or '\'')
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ch != '.')
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>Phonetic keys of one folded word (one, or more when a grapheme is ambiguous; at most four).</summary>
    public static IReadOnlyList<string> Keys(string word) => KeysCache.GetOrAdd(word, KeysUncached);

    private static IReadOnlyList<string> KeysUncached(string word)
    {
        var keys = new List<StringBuilder> { new() };
        int i = 0;
        while (i < word.Length)
        {
            bool matched = false;
            foreach (var (from, to) in Rules)
            {
                if (string.CompareOrdinal(word, i, from, 0, from.Length) == 0)
                {
                    if (to.Length == 1 || keys.Count * to.Length > MaxKeys)
                    {
                        foreach (var k in keys)
                        {
                            k.Append(to[0]);
                        }
                    }
                    else
                    {
                        var grown = new List<StringBuilder>();
                        foreach (var k in keys)
                        {
                            foreach (var t in to)
                            {
                                grown.Add(new StringBuilder(k.ToString()).Append(t));
                            }
                        }

                        keys = grown;
                    }

                    i += from.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                char ch = word[i];
                if (char.IsLetterOrDigit(ch))
                {
                    foreach (var k in keys)
                    {
                        k.Append(ch);
                    }
                }

                i++;
            }
        }

        var result = new List<string>(keys.Count);
        foreach (var k in keys)
        {
            string collapsed = Collapse(k.ToString());
            if (!result.Contains(collapsed))
            {
                result.Add(collapsed);
            }
        }

        return result;
    }

    /// <summary>The key without its vowel classes (a, i, u).</summary>
    public static string Skeleton(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (char ch in key)
        {
            if (ch is not ('a' or 'i' or 'u') && (sb.Length == 0 || sb[^1] != ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>True when two single words (any script or case) can be spellings of the same name.</summary>
    public static bool WordsMatch(string a, string b) => MatchCache.GetOrAdd((a, b), static pair => WordsMatchUncached(pair.Item1, pair.Item2));

    private static bool WordsMatchUncached(string a, string b)
    {
        string fa = Fold(a), fb = Fold(b);
        if (fa.Length == 0 || fb.Length == 0)
        {
            return false;
        }

        if (fa == fb)
        {
            return true;
        }

        var ka = Keys(fa);
        var kb = Keys(fb);
        foreach (var x in ka)
        {
            foreach (var y in kb)
            {
                if (x == y)
                {
                    return true;
                }

                string sx = Skeleton(x);
                if (sx.Length >= 3 && sx == Skeleton(y))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Splits a name into titles, given names and surname (see the class remarks).</summary>
    private static readonly BoundedCache<(string, SourceLexicon), PersonName> ParseCache = new(1 << 16);

    /// <summary>Memoized per name and lexicon; the result is immutable.</summary>
    public static PersonName Parse(string name, SourceLexicon? lexicon = null) =>
        ParseCache.GetOrAdd((name, lexicon ?? SourceLexicon.Default), static key => ParseUncached(key.Item1, key.Item2));

    private static PersonName ParseUncached(string name, SourceLexicon lexicon)
    {
        // Hyphenated surnames stay one word ("Kosiniak-Kamysz"); article prefixes go ("al-Assad" = "Assad").
        var words = Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 3 && (w.StartsWith("al-", StringComparison.Ordinal) || w.StartsWith("el-", StringComparison.Ordinal)) ? w[3..] : w)
            .Select(w => w.Trim('-', '\''))
            .Where(w => w.Length > 0)
            .ToList();
        var titles = new List<string>();
        var gender = Gender.Unknown;
        // Words before a title describe it ("Massachusetts Sen.", "Republican Rep.", "U.S. Ambassador").
        for (int i = 1; i <= Math.Min(5, words.Count - 2); i++)
        {
            if (lexicon.Titles.TryGetValue(words[i], out var t) && t.IsTitle && !lexicon.IsFirstName(words[0]) && !words.Take(i).Any(lexicon.IsFirstName))
            {
                // The title may itself start earlier ("Japanese Foreign Minister": "foreign minister").
                int j = 0;
                while (j < i && !lexicon.Titles.ContainsKey(string.Join(' ', words.Skip(j).Take(i - j + 1))))
                {
                    j++;
                }

                if (j > 0)
                {
                    titles.Add(string.Join(' ', words.Take(j)));
                    words.RemoveRange(0, j);
                }

                break;
            }
        }

        bool stripped = true;
        while (stripped && words.Count > 1)
        {
            stripped = false;
            for (int n = Math.Min(lexicon.MaxTitleWords, words.Count - 1); n >= 1; n--)
            {
                string candidate = string.Join(' ', words.Take(n));
                if (lexicon.Titles.TryGetValue(candidate, out var title))
                {
                    titles.Add(candidate);
                    if (title.Gender != Gender.Unknown)
                    {
                        gender = title.Gender;
                    }

                    words.RemoveRange(0, n);
                    stripped = true;
                    break;
                }
            }
        }

        while (words.Count > 1 && Array.IndexOf(Suffixes, words[^1]) >= 0)
        {
            words.RemoveAt(words.Count - 1);
        }

        var kept = new List<string>(words.Count);
        for (int i = 0; i < words.Count; i++)
        {
            if (i < words.Count - 1 && Array.IndexOf(Particles, words[i]) >= 0)
            {
                continue;
            }

            kept.Add(words[i]);
        }

        if (kept.Count == 0)
        {
            return new PersonName(titles.ToArray(), Array.Empty<string>(), string.Empty, gender);
        }

        return new PersonName(titles.ToArray(), kept.Take(kept.Count - 1).ToArray(), kept[^1], gender);
    }

    /// <summary>
    /// True when <paramref name="mention"/> (as written: "Chernak", "Mr. Tschernak", "Андрій Чернак")
    /// can refer to the bearer of <paramref name="name"/> ("Andriy Tschernak").
    /// </summary>
    public static bool NamesMatch(string mention, string name, SourceLexicon? lexicon = null)
    {
        var m = Parse(mention, lexicon);
        var n = Parse(name, lexicon);
        if (m.Surname.Length == 0 || n.Surname.Length == 0)
        {
            return false;
        }

        if (IsAcronymOf(mention, name) || IsAcronymOf(name, mention))
        {
            return true;
        }

        if (!WordsMatch(m.Surname, n.Surname))
        {
            return false;
        }

        if (m.Given.Count == 0 || n.Given.Count == 0)
        {
            return true;
        }

        string gm = m.Given[0], gn = n.Given[0];
        if (gm.Length == 1 || gn.Length == 1)
        {
            return gm[0] == gn[0];
        }

        return WordsMatch(gm, gn);
    }

    /// <summary>
    /// Keys such that <see cref="NamesMatch"/>(mention, name) implies that a key of the mention
    /// (<paramref name="asMention"/> true) equals a key of the name: the surname's folded form,
    /// phonetic keys and their skeletons, and for acronyms the letters and the initials.
    /// </summary>
    public static IReadOnlyList<string> MatchKeys(string text, SourceLexicon? lexicon, bool asMention) =>
        MatchKeysCache.GetOrAdd((text, lexicon ?? SourceLexicon.Default, asMention), static key => MatchKeysUncached(key.Item1, key.Item2, key.Item3).ToArray());

    /// <summary>Memoized per name, lexicon and side: a name recurs across a document and each mention looks its keys up again.</summary>
    private static readonly BoundedCache<(string, SourceLexicon, bool), string[]> MatchKeysCache = new(1 << 16);

    private static IEnumerable<string> MatchKeysUncached(string text, SourceLexicon lexicon, bool asMention)
    {
        var parsed = Parse(text, lexicon);
        if (parsed.Surname.Length == 0)
        {
            yield break;
        }

        string folded = Fold(parsed.Surname);
        if (folded.Length > 0)
        {
            yield return "F" + folded;
            foreach (var key in Keys(folded))
            {
                yield return "K" + key;
                string skeleton = Skeleton(key);
                if (skeleton.Length >= 3)
                {
                    yield return "S" + skeleton;
                }
            }
        }

        // IsAcronymOf(mention, name): the mention's letters are the name's initials; and the other way round.
        if (AcronymLetters(text) is { } letters)
        {
            yield return (asMention ? "I" : "A") + letters;
        }

        string initials = Initials(text);
        if (initials.Length is >= 2 and <= 6)
        {
            yield return (asMention ? "A" : "I") + initials;
        }
    }

    private static string? AcronymLetters(string acronym)
    {
        string a = acronym.Replace(".", string.Empty, StringComparison.Ordinal).Trim();
        return a.Length < 2 || a.Length > 6 || !a.All(char.IsUpper) ? null : a;
    }

    private static string Initials(string name)
    {
        var initials = new StringBuilder();
        foreach (var word in name.Split(new[] { ' ', '-' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (char.IsUpper(word[0]) && word is not ("The" or "Of" or "And" or "For"))
            {
                initials.Append(word[0]);
            }
        }

        return initials.ToString();
    }

    /// <summary>True when <paramref name="acronym"/> is an all-capitals word spelling the initials of <paramref name="name"/>'s capitalized words.</summary>
    public static bool IsAcronymOf(string acronym, string name) =>
        AcronymLetters(acronym) is { } letters && Initials(name) == letters;

    private static string Collapse(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (char ch in key)
        {
            if (sb.Length == 0 || sb[^1] != ch)
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
