namespace Ascribe.Core.Models;

/// <summary>
/// Hashed properties of one token, computed once per token and shared by every feature template
/// of a tagger, recognizer or parser.
/// </summary>
internal struct WordInfo
{
    /// <summary>The word as written.</summary>
    public ulong Exact;

    /// <summary>Lower case.</summary>
    public ulong Lower;

    /// <summary>Lower case, with numbers collapsed to classes (!YEAR, !DIGITS) and hyphenated words marked.</summary>
    public ulong Norm;

    public ulong Prefix1;
    public ulong Prefix2;
    public ulong Prefix3;
    public ulong Prefix4;
    public ulong Suffix2;
    public ulong Suffix3;
    public ulong Suffix4;

    /// <summary>Character classes: X upper, x lower, d digit, other characters as themselves; runs longer than four are cut.</summary>
    public ulong Shape;

    /// <summary>Punctuation with the spaces around it (tells opening from closing quotes).</summary>
    public ulong Spacing;

    public WordFlags Flags;

    public static WordInfo[] Compute(IReadOnlyList<string> words, IReadOnlyList<bool> spaceBefore, IReadOnlyList<bool> spaceAfter)
    {
        var infos = new WordInfo[words.Count];
        for (int i = 0; i < infos.Length; i++)
        {
            infos[i] = Compute(words[i], spaceBefore[i], spaceAfter[i]);
        }

        return infos;
    }

    public static WordInfo Compute(ReadOnlySpan<char> word, bool spaceBefore, bool spaceAfter)
    {
        // The word folded and lower-cased once: hashing it as written gives the FeatureHash.Lower
        // hashes of the word and of its affixes without folding each character again per affix.
        Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        for (int k = 0; k < word.Length; k++)
        {
            lower[k] = char.ToLowerInvariant(FeatureHash.Fold(word[k]));
        }

        var info = new WordInfo
        {
            Exact = FeatureHash.Text(word),
            Lower = FeatureHash.Text(lower),
            Prefix1 = FeatureHash.Combine(1, FeatureHash.Text(lower[..Math.Min(1, lower.Length)])),
            Prefix2 = FeatureHash.Combine(2, FeatureHash.Text(lower[..Math.Min(2, lower.Length)])),
            Prefix3 = FeatureHash.Combine(9, FeatureHash.Text(lower[..Math.Min(3, lower.Length)])),
            Prefix4 = FeatureHash.Combine(10, FeatureHash.Text(lower[..Math.Min(4, lower.Length)])),
            Suffix2 = FeatureHash.Combine(3, FeatureHash.Text(lower[Math.Max(0, lower.Length - 2)..])),
            Suffix3 = FeatureHash.Combine(4, FeatureHash.Text(lower[Math.Max(0, lower.Length - 3)..])),
            Suffix4 = FeatureHash.Combine(5, FeatureHash.Text(lower[Math.Max(0, lower.Length - 4)..])),
        };

        bool hasDigit = false, hasLetter = false, hasUpper = false, hasLower = false, hasHyphen = false, allDigit = word.Length > 0;
        ulong shape = 0xcbf29ce484222325UL;
        char last = '\0';
        int run = 0;
        foreach (char raw in word)
        {
            char c = FeatureHash.Fold(raw);
            char s;
            if (char.IsDigit(c))
            {
                hasDigit = true;
                s = 'd';
            }
            else if (char.IsLetter(c))
            {
                hasLetter = true;
                allDigit = false;
                if (char.IsUpper(c))
                {
                    hasUpper = true;
                    s = 'X';
                }
                else
                {
                    hasLower = true;
                    s = 'x';
                }
            }
            else
            {
                allDigit = false;
                hasHyphen |= c == '-';
                s = c;
            }

            run = s == last ? run + 1 : 1;
            last = s;
            if (run <= 4)
            {
                shape = (shape ^ s) * 0x100000001b3UL;
            }
        }

        info.Shape = FeatureHash.Combine(6, shape);
        if (allDigit && word.Length == 4)
        {
            info.Norm = FeatureHash.Combine(7, 1);
        }
        else if (word.Length > 0 && char.IsDigit(word[0]))
        {
            info.Norm = FeatureHash.Combine(7, 2);
        }
        else if (hasHyphen && word.Length > 1 && word[0] != '-' && hasLetter)
        {
            info.Norm = FeatureHash.Combine(7, 3, info.Suffix4);
        }
        else
        {
            info.Norm = info.Lower;
        }

        var flags = WordFlags.None;
        if (spaceBefore)
        {
            flags |= WordFlags.SpaceBefore;
        }

        if (spaceAfter)
        {
            flags |= WordFlags.SpaceAfter;
        }

        if (hasUpper && word.Length > 0 && char.IsUpper(word[0]))
        {
            flags |= WordFlags.InitialCap;
        }

        if (hasUpper && !hasLower)
        {
            flags |= WordFlags.AllCaps;
        }

        if (hasDigit)
        {
            flags |= WordFlags.HasDigit;
        }

        if (hasLetter || hasDigit)
        {
            flags |= WordFlags.Alphanumeric;
        }

        info.Flags = flags;
        info.Spacing = (flags & WordFlags.Alphanumeric) == 0
            ? FeatureHash.Combine(8, info.Exact, (ulong)(flags & (WordFlags.SpaceBefore | WordFlags.SpaceAfter)))
            : FeatureHash.Combine(8, 0);
        return info;
    }
}

[Flags]
internal enum WordFlags : byte
{
    None = 0,
    SpaceBefore = 1,
    SpaceAfter = 2,
    InitialCap = 4,
    AllCaps = 8,
    HasDigit = 16,
    Alphanumeric = 32,
}
